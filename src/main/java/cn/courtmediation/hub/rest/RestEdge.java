package cn.courtmediation.hub.rest;

import cn.courtmediation.hub.contract.Receipt;
import cn.courtmediation.hub.api.MediaTypes;
import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.api.UnavailableSettings;
import cn.courtmediation.hub.contract.MessageValidator;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import cn.courtmediation.hub.trust.HubSigner;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The REST edge of submissions: turns an HTTP request into intake input and intake results into HTTP answers (the
 * reads are MessageViews).
 * It drops every inbound HTTP header after reading what it needs, so nothing leaks into queues or responses.
 */
@Component("restEdge")
public class RestEdge {
    static final String SIGNATURE_HEADER = "X-Hub-Signature";
    private final MessageValidator validator;
    private final ObjectMapper json;
    private final HubSigner signer;
    private final long retryAfterSeconds;

    RestEdge(MessageValidator validator, ObjectMapper json, HubSigner signer,
             UnavailableSettings unavailable) {
        this.retryAfterSeconds = unavailable.retryAfter();
        this.validator = validator;
        this.json = json;
        this.signer = signer;
    }

    /** Checks media type and size before anything is parsed; afterwards the body is the exact bytes and only hub headers remain. */
    public void readSubmission(Exchange exchange) {
        Message in = exchange.getMessage();
        String signature = in.getHeader(SIGNATURE_HEADER, String.class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        Long declaredLength = in.getHeader("Content-Length", Long.class);
        HttpServletRequest request = in.getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        String remote = request == null ? null : request.getRemoteAddr();
        in.removeHeaders("*");
        in.setHeader(ChannelHeaders.INGRESS, "REST");
        in.setHeader(ChannelHeaders.SOURCE, remote);
        in.setHeader(ChannelHeaders.SIGNATURE, signature);
        if (declaredLength != null && declaredLength > validator.maxPayloadBytes()) {
            throw validator.tooLarge(declaredLength);
        }
        byte[] body = readAtMost(in, validator.maxPayloadBytes());
        exchange.setProperty(ChannelHeaders.RAW_PAYLOAD, body);
        if (!MediaTypes.isJson(contentType)) {
            throw new HubException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json (UTF-8); got " + (contentType == null ? "none" : contentType) + ".");
        }
        in.setBody(body);
    }

    /** Reads at most limit+1 bytes, so a chunked body without Content-Length cannot exhaust memory. */
    private byte[] readAtMost(Message in, int limit) {
        InputStream stream = in.getBody(InputStream.class);
        if (stream == null) {
            return new byte[0];
        }
        try (stream) {
            byte[] body = stream.readNBytes(limit + 1);
            if (body.length > limit) {
                throw validator.tooLarge(body.length);
            }
            return body;
        } catch (IOException e) {
            throw new HubException(ErrorCode.MALFORMED, "The request body could not be read: " + e.getMessage());
        }
    }

    /**
     * 202 with the receipt (the original receipt again for an idempotent re-send), signed by the hub:
     * header X-Hub-Signature is a detached CMS signature over the exact body bytes.
     */
    public void receipt(Exchange exchange) throws JsonProcessingException {
        Receipt receipt = exchange.getMessage().getBody(Receipt.class);
        byte[] body = json.writeValueAsBytes(receipt);
        respond(exchange, 202, "application/json", body);
        exchange.getMessage().setHeader(SIGNATURE_HEADER, signer.sign(body));
    }




    /**
     * application/problem+json for whatever the exchange failed with, with the quarantineId when the input was kept (the
     * sender reads its SUBMISSION_REJECTED evidence under it); SERVICE_UNAVAILABLE also says when to retry (Retry-After).
     */
    public void problem(Exchange exchange) throws JsonProcessingException {
        HubException refusal = Problems.of(exchange);
        String quarantineId = exchange.getMessage().getHeader(ChannelHeaders.QUARANTINE_ID, String.class);
        respond(exchange, refusal.code().httpStatus(), "application/problem+json",
                json.writeValueAsBytes(Problems.asMap(refusal, quarantineId)));
        if (refusal.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
    }


    private static void respond(Exchange exchange, int status, String contentType, byte[] body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        out.setBody(body);
    }
}
