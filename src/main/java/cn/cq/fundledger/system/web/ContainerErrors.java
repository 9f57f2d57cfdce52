package cn.cq.fundledger.system.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the servlet container answers itself, before the ledger's code runs, follows the ledger's rules too:
 * <ul>
 *   <li>an encoded {@code /} or {@code \} in a path is passed on (not refused by Tomcat with an HTML page), so that the
 *   firewall refuses it and {@link PathRejections} names the path variable;</li>
 *   <li>whatever Tomcat still refuses on its own (a malformed request line, a character a URL may not hold) is
 *   answered as problem+json by {@link ProblemReportValve}, with no server name, HTML or stack trace.</li>
 * </ul>
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        });
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                // Spring Boot adds Tomcat's own ErrorReportValve to the host; the host adds ours on start when it
                // finds none of our class. Take the other one out just before, so that only ours answers.
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                    }
                });
            }
        });
    }
}
