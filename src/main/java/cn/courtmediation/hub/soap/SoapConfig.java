package cn.courtmediation.hub.soap;

import cn.courtmediation.hub.api.UnavailableSettings;
import cn.courtmediation.hub.contract.IntakeSettings;
import cn.courtmediation.hub.delivery.DeliverySettings;
import cn.courtmediation.hub.soap.court.CourtResultPortType;
import cn.courtmediation.hub.soap.exchange.CaseExchangePortType;
import java.util.HashMap;
import javax.xml.namespace.QName;
import java.util.Map;
import cn.courtmediation.hub.api.AllowListHeaderFilter;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CXF endpoints of the SOAP contracts in schemas/: the court-facing CaseExchange service and the client for courts' CourtResult services. */
@Configuration
class SoapConfig {
    private static final String EXCHANGE_NS = "urn:courtmediation:hub:case-exchange:v1";
    private static final String COURT_NS = "urn:courtmediation:hub:court-result:v1";

    /** Served at /services/CaseExchange (WSDL at ?wsdl), validated against hub-soap.xsd. */
    @Bean
    CxfEndpoint caseExchangeService(IntakeSettings intake, UnavailableSettings unavailable, AllowListHeaderFilter soapHubHeaders) {
        int maxPayloadBytes = intake.maxPayloadBytes();
        long retryAfterSeconds = unavailable.retryAfter();
        CxfEndpoint e = new CxfEndpoint();
        e.setHeaderFilterStrategy(soapHubHeaders);
        e.setAddress("/CaseExchange");
        e.setServiceClass(CaseExchangePortType.class);
        e.setWsdlURL("classpath:schemas/CaseExchange.wsdl");
        e.setServiceNameAsQName(new QName(EXCHANGE_NS, "CaseExchangeService"));
        e.setPortNameAsQName(new QName(EXCHANGE_NS, "CaseExchangePort"));
        e.setDataFormat(DataFormat.POJO);
        Map<String, Object> props = new HashMap<>();
        props.put("schema-validation-enabled", "true");
        // the payload travels base64-encoded: allow 4/3 of the intake limit plus room, nothing more
        props.put("org.apache.cxf.stax.maxTextLength", String.valueOf(maxPayloadBytes / 3 * 4 + 4096));
        props.put("org.apache.cxf.stax.maxElementCount", "1000");
        props.put("org.apache.cxf.stax.maxChildElements", "100");
        props.put("org.apache.cxf.stax.maxElementDepth", "20");
        e.setProperties(props);
        e.getOutFaultInterceptors().add(new SoapFaultCodes(retryAfterSeconds));
        return e;
    }

    /** Client for CourtResult.wsdl; the address of each call comes from the registry (header CamelDestinationOverrideUrl). */
    @Bean
    CxfEndpoint courtResultClient(DeliverySettings delivery, AllowListHeaderFilter soapHubHeaders) {
        CxfEndpoint e = new CxfEndpoint();
        e.setHeaderFilterStrategy(soapHubHeaders);
        e.setAddress("http://localhost/registry-endpoint");
        e.setServiceClass(CourtResultPortType.class);
        e.setWsdlURL("classpath:schemas/CourtResult.wsdl");
        e.setServiceNameAsQName(new QName(COURT_NS, "CourtResultService"));
        e.setPortNameAsQName(new QName(COURT_NS, "CourtResultPort"));
        e.setDataFormat(DataFormat.POJO);
        e.setDefaultOperationName("DeliverMessage");
        e.setContinuationTimeout(delivery.soapTimeout());
        return e;
    }
}
