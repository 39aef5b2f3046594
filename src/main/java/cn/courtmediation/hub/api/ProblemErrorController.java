package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page every sendError and uncaught exception ends on (Spring Boot's /error): problem+json, or a SOAP fault
 * under /services/, never the Whitelabel page; a client's fault is one log line, a server fault one line with its cause.
 */
@Controller
class ProblemErrorController implements ErrorController {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorController.class);
    private final String retryAfter;

    ProblemErrorController(UnavailableSettings unavailable) {
        this.retryAfter = String.valueOf(unavailable.retryAfter());
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            // answered already (SubmissionBodies refused the body, then the container reported the broken read)
            return;
        }
        Object statusAttr = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttr instanceof Integer s ? s : 500;
        Object uriAttr = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = uriAttr == null ? request.getRequestURI() : uriAttr.toString();
        Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (HttpRefusals.readFailed(cause)) {
            status = 400;
        }
        ErrorCode code = HttpRefusals.codeFor(status);
        HubException refusal = cause instanceof HubException h ? h : new HubException(code, code == ErrorCode.INTERNAL_ERROR
                ? "The hub failed to answer " + uri + "; nothing was accepted. Retry later with the same bytes."
                : "The request to " + uri + " was refused (HTTP " + status + ")"
                  + (request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String m && !m.isBlank() ? ": " + m : "") + ".");
        if (refusal.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.warn("Answered {} INTERNAL_ERROR to {}: {}", status, uri, String.valueOf(cause));
        } else {
            LOG.info("Answered {} {} to {}: {}", refusal.code().httpStatus(), refusal.code(), uri, refusal.getMessage());
        }
        if (refusal.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            // e.g. Spring's async timeout of a submission: nothing was accepted, retry as for every 503 of the hub
            response.setHeader("Retry-After", retryAfter);
        }
        HttpRefusals.write(response, uri.substring(Math.max(0, request.getContextPath().length())), refusal);
    }
}
