package cn.courtmediation.hub.soap;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.access.Callers;
import cn.courtmediation.hub.access.MessageReaders;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.contract.Receipt;
import cn.courtmediation.hub.soap.exchange.HubFault;
import cn.courtmediation.hub.soap.types.GetMessageStatusRequest;
import cn.courtmediation.hub.soap.types.GetMessageStatusResponse;
import cn.courtmediation.hub.soap.types.HubFaultDetail;
import cn.courtmediation.hub.soap.types.SubmitMessageRequest;
import cn.courtmediation.hub.soap.types.SubmitMessageResponse;
import cn.courtmediation.hub.soap.types.Violation;
import cn.courtmediation.hub.store.StoredMessage;
import cn.courtmediation.hub.trust.HubSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.GregorianCalendar;
import java.util.List;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** The SOAP edge: maps CaseExchange.wsdl requests to intake input and intake results (or refusals) to responses and HubFault faults. */
@Component("soapEdge")
public class SoapEdge {
    private final MessageReaders readers;
    private final HubSigner signer;
    private final ObjectMapper json;
    private final DatatypeFactory xmlTime;

    SoapEdge(MessageReaders readers, HubSigner signer, ObjectMapper json) throws javax.xml.datatype.DatatypeConfigurationException {
        this.readers = readers;
        this.signer = signer;
        this.json = json;
        this.xmlTime = DatatypeFactory.newInstance();
    }

    /** SubmitMessage: body out is the exact payload bytes; the SOAP header signature becomes hubSignature. */
    public void readSubmission(Exchange exchange) {
        Message in = exchange.getMessage();
        List<?> params = in.getBody(List.class);
        SubmitMessageRequest request = request(params, SubmitMessageRequest.class);
        String signature = params.size() > 1 && params.get(1) instanceof String s ? s : null;
        in.removeHeaders("*");
        in.setHeader(ChannelHeaders.INGRESS, "SOAP");
        in.setHeader(ChannelHeaders.SOURCE, remoteAddress(exchange));
        in.setHeader(ChannelHeaders.SIGNATURE, signature);
        byte[] payload = request == null ? null : request.getPayload();
        exchange.setProperty(ChannelHeaders.RAW_PAYLOAD, payload);
        in.setBody(payload);
    }

    public void receipt(Exchange exchange) throws com.fasterxml.jackson.core.JsonProcessingException {
        Receipt r = exchange.getMessage().getBody(Receipt.class);
        cn.courtmediation.hub.soap.types.Receipt out = new cn.courtmediation.hub.soap.types.Receipt();
        out.setMessageId(r.messageId());
        out.setCaseId(r.caseId());
        out.setStatus(r.status().name());
        out.setReceivedAt(xml(OffsetDateTime.parse(r.receivedAt())));
        out.setPayloadSha256(r.payloadSha256());
        out.setDuplicate(r.duplicate());
        byte[] receiptJson = json.writeValueAsBytes(r);
        out.setSignedReceipt(receiptJson);
        out.setReceiptSignature(signer.sign(receiptJson));
        SubmitMessageResponse response = new SubmitMessageResponse();
        response.setReceipt(out);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(response);
    }

    /**
     * The operation's request element; an empty soap:Body (or one CXF could not bind) carries none, which is the client's
     * MALFORMED input, not the hub's INTERNAL_ERROR (the corpus found the NullPointerException).
     */
    private static <T> T request(List<?> params, Class<T> type) {
        if (params == null || params.isEmpty() || !type.isInstance(params.get(0))) {
            throw new HubException(ErrorCode.MALFORMED, "The soap:Body carries no " + type.getSimpleName().replace("Request", "")
                    + " request element (schemas/CaseExchange.wsdl).");
        }
        return type.cast(params.get(0));
    }

    /**
     * GetMessageStatus: for the message's sender, its recipient or an operator (access/MessageReaders); the service takes
     * calls without credentials (signed submissions need none), so the caller is checked here: none is UNAUTHORIZED, one
     * that may not read the message gets the NOT_FOUND of an unknown messageId.
     */
    public void status(Exchange exchange) {
        // the request is read first: an empty or broken body is MALFORMED whoever sends it (and reveals nothing)
        GetMessageStatusRequest request = request(exchange.getMessage().getBody(List.class), GetMessageStatusRequest.class);
        Caller caller = Callers.require(caller(exchange));
        exchange.getMessage().removeHeaders("*");
        String id = request.getMessageId();
        StoredMessage m = readers.require(caller, id);
        GetMessageStatusResponse r = new GetMessageStatusResponse();
        r.setMessageId(m.messageId());
        r.setType(m.type());
        r.setSender(m.sender());
        r.setRecipient(m.recipient());
        r.setCaseId(m.caseId());
        r.setStatus(m.status().name());
        r.setReceivedAt(xml(m.receivedAt()));
        r.setDeliveredAt(m.deliveredAt() == null ? null : xml(m.deliveredAt()));
        r.setPayloadSha256(m.payloadSha256());
        r.setAttempts(m.attempts());
        r.setLastError(m.lastError());
        exchange.getMessage().setBody(r);
    }

    /**
     * The body becomes the WSDL-declared HubFault, with the quarantineId when the input was kept (the sender reads its
     * SUBMISSION_REJECTED evidence under it); camel-cxf answers a Throwable body with a SOAP fault.
     */
    public void fault(Exchange exchange) {
        HubException refusal = Problems.of(exchange);
        HubFaultDetail detail = new HubFaultDetail();
        detail.setCode(refusal.code().name());
        detail.setDetail(refusal.getMessage());
        detail.setMessageId(refusal.messageId());
        detail.setQuarantineId(exchange.getMessage().getHeader(ChannelHeaders.QUARANTINE_ID, String.class));
        detail.setCurrentState(refusal.currentState());
        refusal.violations().forEach(v -> {
            Violation error = new Violation();
            error.setPath(v.path());
            error.setMessage(v.message());
            detail.getError().add(error);
        });
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(new HubFault(refusal.code().name() + ": " + refusal.getMessage(), detail));
    }

    /** The caller's address, from the servlet request CXF keeps on its own message (no HTTP header is copied into Camel). */
    private static String remoteAddress(Exchange exchange) {
        jakarta.servlet.http.HttpServletRequest r = servletRequest(exchange);
        return r == null ? null : r.getRemoteAddr();
    }

    /**
     * Who is calling, as the web layer authenticated the HTTP request (its user principal): the route may run off the
     * servlet thread, where Caller.current() knows no one.
     */
    private static java.util.Optional<Caller> caller(Exchange exchange) {
        jakarta.servlet.http.HttpServletRequest r = servletRequest(exchange);
        return r == null ? java.util.Optional.empty() : Caller.of(r.getUserPrincipal());
    }

    private static jakarta.servlet.http.HttpServletRequest servletRequest(Exchange exchange) {
        org.apache.cxf.message.Message cxf = exchange.getProperty(org.apache.camel.component.cxf.common.message.CxfConstants.CAMEL_CXF_MESSAGE,
                org.apache.cxf.message.Message.class);
        if (cxf == null) {
            // the exchange does not always carry CXF's message; the call runs on CXF's thread, which knows it
            cxf = org.apache.cxf.phase.PhaseInterceptorChain.getCurrentMessage();
        }
        Object request = cxf == null ? null : cxf.get(org.apache.cxf.transport.http.AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof jakarta.servlet.http.HttpServletRequest r ? r : null;
    }

    private XMLGregorianCalendar xml(OffsetDateTime t) {
        return xmlTime.newXMLGregorianCalendar(GregorianCalendar.from(t.toZonedDateTime()));
    }
}
