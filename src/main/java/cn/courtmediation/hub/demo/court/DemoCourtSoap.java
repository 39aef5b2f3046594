package cn.courtmediation.hub.demo.court;

import cn.courtmediation.hub.demo.court.DemoCourtInbox;
import cn.courtmediation.hub.soap.court.CourtResultPortType;
import cn.courtmediation.hub.soap.types.DeliverMessageRequest;
import cn.courtmediation.hub.soap.types.DeliverMessageResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import jakarta.jws.WebService;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo trial system's SOAP side: implements CourtResult.wsdl at /services/demo-court/CourtResult, as a SOAP court would. */
@Configuration
class DemoCourtSoap {

    @Bean
    EndpointImpl demoCourtResultEndpoint(Bus bus, DemoCourtInbox inbox) {
        EndpointImpl endpoint = new EndpointImpl(bus, new DemoCourt(inbox));
        endpoint.setWsdlLocation("classpath:schemas/CourtResult.wsdl");
        endpoint.setServiceName(new javax.xml.namespace.QName("urn:courtmediation:hub:court-result:v1", "CourtResultService"));
        endpoint.setEndpointName(new javax.xml.namespace.QName("urn:courtmediation:hub:court-result:v1", "CourtResultPort"));
        endpoint.publish("/demo-court/CourtResult");
        return endpoint;
    }

    /** Records each delivery in the demo inbox and accepts it. */
    @WebService(endpointInterface = "cn.courtmediation.hub.soap.court.CourtResultPortType",
            targetNamespace = "urn:courtmediation:hub:court-result:v1",
            serviceName = "CourtResultService", portName = "CourtResultPort")
    static class DemoCourt implements CourtResultPortType {
        private final DemoCourtInbox inbox;

        DemoCourt(DemoCourtInbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public DeliverMessageResponse deliverMessage(DeliverMessageRequest request) {
            inbox.add(new DemoCourtInbox.Entry(request.getRecipient(), "SOAP", request.getMessageId(), request.getType(), request.getSender(),
                    new String(request.getPayload(), StandardCharsets.UTF_8), OffsetDateTime.now()));
            DeliverMessageResponse r = new DeliverMessageResponse();
            r.setAccepted(true);
            return r;
        }
    }
}
