package cn.cq.fundledger;

import cn.cq.fundledger.audit.Replay;
import cn.cq.fundledger.audit.verifier.ExportVerifier;
import cn.cq.fundledger.importer.ImportCommandLine;
import cn.cq.fundledger.importer.Importer;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ledger. {@code java -jar fund-ledger.jar} serves the HTTP API;
 * {@code java -jar fund-ledger.jar import <files>...} imports files for a scheduled job and exits;
 * {@code java -jar fund-ledger.jar verify-export <export.jsonl>} checks an exported history without a server;
 * {@code java -jar fund-ledger.jar replay} rebuilds every projection from the event store and exits.
 */
@SpringBootApplication
public class FundLedgerApplication {

    public static void main(String[] args) throws Exception {
        // a public ledger does not report usage to a framework vendor (and its networks usually cannot reach one);
        // -Daxoniq.update-checker.disabled=false turns Axon's update checker back on
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        if (args.length > 0 && args[0].equals("verify-export")) {
            System.exit(ExportVerifier.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("replay")) {
            String[] springArgs = java.util.stream.Stream.concat(Arrays.stream(args).skip(1),
                    java.util.stream.Stream.of("--fundledger.reference-data.load=false")).toArray(String[]::new);
            boolean done;
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FundLedgerApplication.class)
                    .web(WebApplicationType.NONE).run(springArgs)) {
                Replay replay = context.getBean(Replay.class);
                replay.start("replay-job");
                done = replay.awaitDone(java.time.Duration.ofHours(6));
                System.out.println(replay.progress());
            }
            System.exit(done ? 0 : 1);
        }
        if (args.length > 0 && args[0].equals("import")) {
            List<String> options = Arrays.stream(args).skip(1).filter(a -> a.startsWith("--")).toList();
            List<String> files = Arrays.stream(args).skip(1).filter(a -> !a.startsWith("--")).toList();
            String[] springArgs = java.util.stream.Stream.concat(options.stream(),
                    java.util.stream.Stream.of("--fundledger.reference-data.load=false")).toArray(String[]::new);
            int code;
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FundLedgerApplication.class)
                    .web(WebApplicationType.NONE).run(springArgs)) {
                code = ImportCommandLine.run(context.getBean(Importer.class), files, System.out);
            }
            System.exit(code);
        }
        new SpringApplicationBuilder(FundLedgerApplication.class).run(args);
    }
}
