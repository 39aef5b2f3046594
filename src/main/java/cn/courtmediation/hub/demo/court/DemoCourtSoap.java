package cn.courtmediation.hub.demo.court;

import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.soap.court.CourtResultPortType;
import cn.courtmediation.hub.soap.types.DeliverMessageRequest;
import cn.courtmediation.hub.soap.types.DeliverMessageResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import jakarta.jws.WebService;
import org.apache.cxf.Bus;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo trial system's SOAP side: implements CourtResult.wsdl at /services/demo-court/CourtResult, as a SOAP court would,
 * and takes a delivery only when the hub signed its payload (a soap:Client fault otherwise).
 */
@Configuration
class DemoCourtSoap {

    @Bean
    EndpointImpl demoCourtResultEndpoint(Bus bus, DemoCourtInbox inbox, HubDeliveries deliveries) {
        EndpointImpl endpoint = new EndpointImpl(bus, new DemoCourt(inbox, deliveries));
        endpoint.setWsdlLocation("classpath:schemas/CourtResult.wsdl");
        endpoint.setServiceName(new javax.xml.namespace.QName("urn:courtmediation:hub:court-result:v1", "CourtResultService"));
        endpoint.setEndpointName(new javax.xml.namespace.QName("urn:courtmediation:hub:court-result:v1", "CourtResultPort"));
        endpoint.publish("/demo-court/CourtResult");
        return endpoint;
    }

    /** Records each delivery the hub signed in the demo inbox and accepts it; refuses any other with a fault naming the code. */
    @WebService(endpointInterface = "cn.courtmediation.hub.soap.court.CourtResultPortType",
            targetNamespace = "urn:courtmediation:hub:court-result:v1",
            serviceName = "CourtResultService", portName = "CourtResultPort")
    static class DemoCourt implements CourtResultPortType {
        private final DemoCourtInbox inbox;
        private final HubDeliveries deliveries;

        DemoCourt(DemoCourtInbox inbox, HubDeliveries deliveries) {
            this.inbox = inbox;
            this.deliveries = deliveries;
        }

        @Override
        public DeliverMessageResponse deliverMessage(DeliverMessageRequest request) {
            byte[] payload = request.getPayload() == null ? new byte[0] : request.getPayload();
            try {
                deliveries.verify(payload, request.getHubSignature());
            } catch (HubException e) {
                SoapFault fault = new SoapFault(e.code().name() + ": " + e.getMessage(), Soap11.getInstance().getSender());
                org.w3c.dom.Element detail = fault.getOrCreateDetail();
                org.w3c.dom.Element code = detail.getOwnerDocument().createElementNS("urn:courtmediation:hub:soap:v1", "code");
                code.setTextContent(e.code().name());
                detail.appendChild(code);
                throw fault;
            }
            inbox.add(new DemoCourtInbox.Entry(request.getRecipient(), "SOAP", request.getMessageId(), request.getType(), request.getSender(),
                    new String(payload, StandardCharsets.UTF_8), OffsetDateTime.now()));
            DeliverMessageResponse r = new DeliverMessageResponse();
            r.setAccepted(true);
            return r;
        }
    }
}
