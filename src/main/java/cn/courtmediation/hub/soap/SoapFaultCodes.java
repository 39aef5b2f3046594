package cn.courtmediation.hub.soap;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.soap.exchange.HubFault;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Gives every SOAP fault of the CaseExchange service the hub's form: faults CXF raises itself before
 * the route runs (not XML, a DTD, a value the XSD refuses) get a HubFaultDetail with MALFORMED or
 * SCHEMA_VIOLATION, and refusals of the sender's input are soap:Client faults, not soap:Server.
 */
class SoapFaultCodes extends AbstractSoapInterceptor {
    private static final String HUB_NS = "urn:courtmediation:hub:soap:v1";

    SoapFaultCodes() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)) {
            return;
        }
        HubFault hubFault = findHubFault(fault);
        if (hubFault != null) {
            if (hubFault.getFaultInfo() != null && !ErrorCode.INTERNAL_ERROR.name().equals(hubFault.getFaultInfo().getCode())) {
                fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
            }
            return;
        }
        String text = String.valueOf(fault.getMessage());
        String code = text.contains("size limit") || text.contains("Maximum")
                ? ErrorCode.PAYLOAD_TOO_LARGE.name()
                : text.contains("Unmarshalling Error") || text.contains("cvc-")
                ? ErrorCode.SCHEMA_VIOLATION.name() : ErrorCode.MALFORMED.name();
        fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        Element detail = fault.getOrCreateDetail();
        Document doc = detail.getOwnerDocument();
        Element hub = doc.createElementNS(HUB_NS, "HubFaultDetail");
        hub.appendChild(child(doc, "code", code));
        hub.appendChild(child(doc, "detail", text));
        detail.appendChild(hub);
    }

    private static HubFault findHubFault(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HubFault h) {
                return h;
            }
        }
        return null;
    }

    private static Element child(Document doc, String name, String text) {
        Element e = doc.createElementNS(HUB_NS, name);
        e.setTextContent(text);
        return e;
    }

}
