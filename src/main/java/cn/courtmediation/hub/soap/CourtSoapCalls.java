package cn.courtmediation.hub.soap;

import cn.courtmediation.hub.contract.ChannelHeaders;

import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.soap.types.DeliverMessageRequest;
import cn.courtmediation.hub.soap.types.DeliverMessageResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.springframework.stereotype.Component;

/** Maps a planned delivery to the court-side CourtResult.wsdl call and checks the court's answer. */
@Component("courtSoapCalls")
public class CourtSoapCalls {

    /** Body out: the generated DeliverMessageRequest; the registry endpoint overrides the client's address. */
    public void request(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] payload = in.getBody(byte[].class);
        DeliverMessageRequest r = new DeliverMessageRequest();
        r.setMessageId(in.getHeader(ChannelHeaders.MESSAGE_ID, String.class));
        r.setType(in.getHeader(ChannelHeaders.TYPE, String.class));
        r.setSender(in.getHeader(ChannelHeaders.SENDER, String.class));
        r.setRecipient(in.getHeader(ChannelHeaders.RECIPIENT, String.class));
        r.setCaseId(in.getHeader(ChannelHeaders.CASE_ID, String.class));
        r.setPayload(payload);
        r.setPayloadSha256(Sha256.hex(payload));
        r.setSenderSignature(in.getHeader(ChannelHeaders.SENDER_SIGNATURE, String.class));
        r.setHubSignature(in.getHeader(ChannelHeaders.SIGNATURE, String.class));
        String report = in.getHeader(ChannelHeaders.DOCUMENT_REPORT, String.class);
        r.setDocumentReport(report == null ? null : java.util.Base64.getDecoder().decode(report));
        in.setHeader(Exchange.DESTINATION_OVERRIDE_URL, in.getHeader(ChannelHeaders.ENDPOINT, String.class));
        in.setHeader(CxfConstants.OPERATION_NAME, "DeliverMessage");
        in.setBody(r);
    }

    /** A court that answers accepted=false has not taken the message: that is a failed attempt. */
    public void checkResponse(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        DeliverMessageResponse response = body instanceof java.util.List<?> list && !list.isEmpty()
                ? (DeliverMessageResponse) list.get(0)
                : exchange.getMessage().getBody(DeliverMessageResponse.class);
        if (response == null || !response.isAccepted()) {
            throw new IllegalStateException("Court refused the delivery: "
                    + (response == null ? "empty response" : response.getNote()));
        }
    }
}
