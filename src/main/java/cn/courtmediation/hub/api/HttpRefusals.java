package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * Writes a refusal the web layer answers itself, before any route or controller runs: problem+json for REST and the
 * rest of the hub, a soap:Client fault with HubFaultDetail (HTTP 500, as every CaseExchange refusal) under /services/.
 */
public final class HttpRefusals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUB_NS = "urn:courtmediation:hub:soap:v1";

    private HttpRefusals() {
    }

    /** The hub's code for an HTTP status the web server or Spring chose on its own (400, 404, 405, 413, 415, ...). */
    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.MALFORMED : ErrorCode.INTERNAL_ERROR;
        };
    }

    /** Reading the request failed (the client stalled or went away): the client's fault, answered 400, not the hub's 500. */
    static boolean readFailed(Throwable t) {
        return t instanceof IOException || t != null && t.getCause() instanceof IOException;
    }

    /** True for the SOAP service's paths, whose clients expect a SOAP fault. */
    static boolean isSoap(String path) {
        return path != null && path.startsWith("/services/");
    }

    /** Answers the refusal and asks the server to close the connection (the rest of a refused body is not read). */
    public static void write(HttpServletResponse response, String path, HubException refusal) throws IOException {
        write(response, path, refusal, status(path, refusal));
    }

    /**
     * Answers the refusal of a request without a body (a GET) and keeps the connection: closing it would make a
     * rate-limited client open a new one, with a new TLS handshake, for its next request, costing more than the refusal.
     */
    public static void writeKeepingConnection(HttpServletResponse response, String path, HubException refusal) throws IOException {
        write(response, path, refusal, status(path, refusal), false);
    }

    /** The same with a chosen HTTP status (a SOAP fault for a path that names no service is a 404, not a 500). */
    static void write(HttpServletResponse response, String path, HubException refusal, int status) throws IOException {
        write(response, path, refusal, status, true);
    }

    private static void write(HttpServletResponse response, String path, HubException refusal, int status, boolean close) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (close) {
            response.setHeader("Connection", "close");
        }
        byte[] body = body(path, refusal);
        response.setStatus(status);
        response.setContentType(contentType(path));
        response.setContentLength(body.length);
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
    }

    /**
     * HTTP status of the answer: the code's, but 500 for every SOAP fault except UNAUTHORIZED, a 401 as the SOAP edge
     * answers GetMessageStatus without credentials (soap/SoapFaultCodes; docs/interfaces.md, 5).
     */
    static int status(String path, HubException refusal) {
        return isSoap(path) && refusal.code() != ErrorCode.UNAUTHORIZED ? 500 : refusal.code().httpStatus();
    }

    static String contentType(String path) {
        return isSoap(path) ? "text/xml;charset=UTF-8" : MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    }

    static byte[] body(String path, HubException refusal) throws IOException {
        return isSoap(path) ? soapFault(refusal).getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(Problems.asMap(refusal));
    }

    /** A SOAP 1.1 soap:Client fault (soap:Server for INTERNAL_ERROR) carrying the hub's HubFaultDetail. */
    static String soapFault(HubException refusal) {
        String code = refusal.code().name();
        String text = xml(refusal.getMessage());
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>" + (refusal.code() == ErrorCode.INTERNAL_ERROR ? "soap:Server" : "soap:Client") + "</faultcode>"
                + "<faultstring>" + code + ": " + text + "</faultstring><detail><HubFaultDetail xmlns=\"" + HUB_NS + "\">"
                + "<code>" + code + "</code><detail>" + text + "</detail></HubFaultDetail></detail></soap:Fault></soap:Body></soap:Envelope>";
    }

    private static String xml(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
