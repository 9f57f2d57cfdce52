package cn.cq.fundledger.system.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The container's own error answers (a request Tomcat refuses before the ledger sees it) as problem+json: status,
 * title and a plain sentence, no HTML, no server name, no exception text.
 */
public class ProblemReportValve extends ErrorReportValve {

    public ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail = status == 400
                ? "The request could not be read: its path, query or headers hold characters a URL or header may "
                  + "not carry. Encode ids in a path as UTF-8 percent-escapes."
                : "The request could not be answered (HTTP " + status + ").";
        String body = "{\"type\":\"urn:fund-ledger:problem:" + (status == 400 ? "malformed-request" : "http-" + status)
                + "\",\"title\":\"" + (status == 400 ? "Invalid request" : "Error") + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"field\":" + (status == 400 ? "\"path\"" : "null")
                + ",\"rule\":\"" + (status == 400 ? "malformed-request" : "http-" + status) + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer already started: nothing more to say
        }
    }
}
