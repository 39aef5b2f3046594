package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.HubException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own error answers (a request line or headers it cannot parse or that are too large, an error no servlet
 * rendered) as problem+json, or a SOAP fault under /services/, instead of Tomcat's HTML page; logged as one line.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (request.getAttribute(BodyReader.BROKEN_OFF) != null) {
            return;
        }
        int status = response.getStatus();
        if (HttpRefusals.readFailed(throwable)) {
            status = 400;
        }
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String path = request.getRequestURI();
        String reason = throwable == null ? null : throwable.getMessage();
        HubException refusal = new HubException(HttpRefusals.codeFor(status), status == 400
                ? "The web server could not read the request line, URL or headers" + (reason == null ? "" : ": " + reason)
                  + ". The request line and all headers together must stay under 24 KB (docs/interfaces.md, 4)."
                : "The web server answered HTTP " + status + (reason == null ? "." : ": " + reason + "."));
        LOG.info("Answered {} {} to {} {}: {}", status, refusal.code(), request.getMethod(), path, refusal.getMessage());
        try {
            byte[] body = HttpRefusals.body(path, refusal);
            response.setStatus(HttpRefusals.status(path, refusal));
            response.setContentType(HttpRefusals.contentType(path));
            response.setCharacterEncoding("UTF-8");
            java.io.Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Could not answer {} to {}: {}", status, request.getRemoteAddr(), String.valueOf(e));
        }
    }
}
