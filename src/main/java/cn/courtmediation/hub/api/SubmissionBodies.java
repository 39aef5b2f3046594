package cn.courtmediation.hub.api;

import cn.courtmediation.hub.contract.IntakeSettings;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the body of every submission (REST POST /api/v1/messages, SOAP POST /services/CaseExchange) before any route sees it: a
 * wrong Content-Type is refused (UNSUPPORTED_MEDIA_TYPE) and a Content-Length over the limit too (PAYLOAD_TOO_LARGE),
 * both before a byte of the body is read; the body itself is read without holding a thread (BodyReader), within
 * hub.http.body-timeout and the limit, and only a complete body is handed on. Slow or lying clients so cost a
 * connection, never a thread that other clients need.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SubmissionBodies extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionBodies.class);
    private final int restLimit;
    private final int soapLimit;
    private final long timeoutMillis;

    SubmissionBodies(IntakeSettings intake, HttpLimitsSettings http) {
        this.restLimit = intake.maxPayloadBytes();
        // the SOAP payload travels base64-encoded (4/3) inside an envelope with the signature header
        this.soapLimit = (int) Math.min(Integer.MAX_VALUE - 16L, (intake.maxPayloadBytes() + 2L) / 3 * 4 + http.soapOverheadBytes());
        this.timeoutMillis = http.bodyTimeout().toMillis();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean rest = path.equals("/api/v1/messages");
        // the hub's own service only: the demo trial system's CourtResult under /services/demo-court/ takes deliveries
        boolean soap = path.equals("/services/CaseExchange");
        if (!"POST".equals(request.getMethod()) || !(rest || soap)) {
            chain.doFilter(request, response);
            return;
        }
        Object read = request.getAttribute(BodyReader.BODY);
        if (request.getDispatcherType() == DispatcherType.ASYNC && read instanceof byte[] body) {
            request.removeAttribute(BodyReader.BODY);
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        String contentType = request.getContentType();
        if (!(rest ? MediaTypes.isJson(contentType) : MediaTypes.isSoap11(contentType))) {
            refuse(request, response, path, new HubException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, rest
                    ? "Content-Type must be application/json (UTF-8); got " + (contentType == null ? "none" : contentType) + "."
                    : "Content-Type must be text/xml (SOAP 1.1, CaseExchange.wsdl); got " + (contentType == null ? "none" : contentType) + "."));
            return;
        }
        int limit = rest ? restLimit : soapLimit;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, path, new HubException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is " + declared
                    + " bytes (Content-Length); the limit of " + path + " is " + limit + " bytes. Nothing was read. Send large documents as attachments by URI."));
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(timeoutMillis);
        ServletInputStream in = request.getInputStream();
        BodyReader reader = new BodyReader(async, in, limit, timeoutMillis);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String path, HubException refusal)
            throws IOException {
        LOG.info("Refused request from {} to {} before reading its body: {} ({})", request.getRemoteAddr(), path,
                refusal.code(), refusal.getMessage());
        HttpRefusals.write(response, path, refusal);
    }
}
