package cn.cq.fundledger;

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
 * {@code java -jar fund-ledger.jar verify-export <export.jsonl>} checks an exported history without a server.
 */
@SpringBootApplication
public class FundLedgerApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("verify-export")) {
            System.exit(ExportVerifier.run(Arrays.copyOfRange(args, 1, args.length), System.out));
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
