package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one request body without blocking a thread (Servlet non-blocking I/O): bytes are taken as they arrive, a body
 * passing the limit is refused at once (PAYLOAD_TOO_LARGE, never buffered beyond limit + one read), one that stops
 * arriving is refused when the request's async timeout ends (MALFORMED), and a complete body is dispatched on to
 * the routes. Each client fault is logged as one line, without a stack trace.
 */
final class BodyReader implements ReadListener, AsyncListener {
    static final String BODY = BodyReader.class.getName() + ".body";
    /** Set when the client broke the body off: logged here once, nobody left to answer (ProblemErrorReportValve stays quiet). */
    static final String BROKEN_OFF = BodyReader.class.getName() + ".brokenOff";
    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
    private final AsyncContext async;
    private final ServletInputStream in;
    private final int limit;
    private final long declared;
    private final long timeoutMillis;
    private final String path;
    private final String remote;
    private final ByteArrayOutputStream body;
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean done = new AtomicBoolean();

    BodyReader(AsyncContext async, ServletInputStream in, int limit, long timeoutMillis) {
        HttpServletRequest request = (HttpServletRequest) async.getRequest();
        this.async = async;
        this.in = in;
        this.limit = limit;
        this.declared = request.getContentLengthLong();
        this.timeoutMillis = timeoutMillis;
        this.path = request.getRequestURI().substring(request.getContextPath().length());
        this.remote = request.getRemoteAddr();
        this.body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 1024), limit));
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!done.get() && in.isReady()) {
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                refuse(new HubException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body passed " + limit
                        + " bytes, the limit of " + path + "; the hub stopped reading it there. Send large documents as attachments by URI."));
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (done.compareAndSet(false, true)) {
            async.getRequest().setAttribute(BODY, body.toByteArray());
            async.dispatch();
        }
    }

    @Override
    public void onError(Throwable t) {
        if (t instanceof java.net.SocketTimeoutException) {
            // no byte for server.tomcat.connection-timeout: the client stalled, and can still be told so
            onTimeout(null);
            return;
        }
        // the client went away or the connection broke mid-body: nobody is left to answer
        if (done.compareAndSet(false, true)) {
            async.getRequest().setAttribute(BROKEN_OFF, Boolean.TRUE);
            LOG.info("Request body from {} to {} broke off after {} of {} bytes: {}", remote, path, body.size(), declared(), String.valueOf(t));
            complete();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        refuse(new HubException(ErrorCode.MALFORMED, "The request body did not arrive within " + timeoutMillis / 1000.0
                + " s: " + body.size() + " of " + declared() + " bytes came. Nothing was accepted; send the whole body at once."));
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // ended before the body was complete and without an error callback: the client closed the connection
        if (done.compareAndSet(false, true)) {
            LOG.info("Request body from {} to {} broke off after {} of {} bytes: the client closed the connection", remote, path,
                    body.size(), declared());
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the dispatched handler starting its own async cycle ends this listener's part
    }

    private String declared() {
        return declared < 0 ? "unknown (chunked)" : String.valueOf(declared);
    }

    private void refuse(HubException refusal) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Refused request body from {} to {}: {} ({})", remote, path, refusal.code(), refusal.getMessage());
        try {
            HttpRefusals.write((HttpServletResponse) async.getResponse(), path, refusal);
        } catch (IOException | RuntimeException e) {
            LOG.info("Could not answer {} to {}: {}", refusal.code(), remote, String.valueOf(e));
        }
        complete();
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyOver) {
            // the container ended the request first (client gone)
        }
    }
}
