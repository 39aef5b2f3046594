package cn.courtmediation.hub.soap;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.soap.exchange.HubFault;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Gives every SOAP fault of the CaseExchange service the hub's form: faults CXF raises itself before
 * the route runs (not XML, a DTD, a value the XSD refuses) get a HubFaultDetail with MALFORMED or
 * SCHEMA_VIOLATION, refusals of the sender's input are soap:Client faults, not soap:Server, SERVICE_UNAVAILABLE
 * (database unreachable) is a soap:Server fault sent with HTTP 503 and Retry-After, as REST answers it, and
 * UNAUTHORIZED (GetMessageStatus without credentials) a soap:Client fault sent with HTTP 401.
 */
class SoapFaultCodes extends AbstractSoapInterceptor {
    private static final String HUB_NS = "urn:courtmediation:hub:soap:v1";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SoapFaultCodes.class);
    private final long retryAfterSeconds;

    SoapFaultCodes(long retryAfterSeconds) {
        super(Phase.PRE_LOGICAL);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)) {
            return;
        }
        HubFault hubFault = findHubFault(fault);
        if (hubFault != null) {
            String code = hubFault.getFaultInfo() == null ? null : hubFault.getFaultInfo().getCode();
            if (ErrorCode.SERVICE_UNAVAILABLE.name().equals(code)) {
                // WS-I BP wants 500 for every fault, but a 503 with Retry-After is what makes any HTTP client (and
                // proxy) treat this as "retry later" rather than a verdict on the message; the fault body says the same
                // (Soap11FaultOutInterceptor sends the fault's status code, 500 unless set)
                fault.setStatusCode(ErrorCode.SERVICE_UNAVAILABLE.httpStatus());
                protocolHeaders(message).put("Retry-After", List.of(String.valueOf(retryAfterSeconds)));
            } else if (code != null && !ErrorCode.INTERNAL_ERROR.name().equals(code)) {
                fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
                if (ErrorCode.UNAUTHORIZED.name().equals(code)) {
                    // GetMessageStatus without credentials: 401 as on REST, so that a client tells "who are you" from a verdict
                    fault.setStatusCode(ErrorCode.UNAUTHORIZED.httpStatus());
                }
            }
            return;
        }
        String text = String.valueOf(fault.getMessage());
        String code = text.contains("size limit") || text.contains("Maximum")
                ? ErrorCode.PAYLOAD_TOO_LARGE.name()
                : text.contains("cvc-") ? ErrorCode.SCHEMA_VIOLATION.name()
                : notWellFormed(fault) ? ErrorCode.MALFORMED.name()
                : text.contains("Unmarshalling Error") ? ErrorCode.SCHEMA_VIOLATION.name() : ErrorCode.MALFORMED.name();
        fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        // the client's fault, one line (CXF's own stack trace is off: logging.level PhaseInterceptorChain)
        LOG.info("Refused SOAP request from {} before the hub read its payload: {} ({})", caller(message), code,
                text.replaceAll("\\s*\\R\\s*", " "));
        Element detail = fault.getOrCreateDetail();
        Document doc = detail.getOwnerDocument();
        Element hub = doc.createElementNS(HUB_NS, "HubFaultDetail");
        hub.appendChild(child(doc, "code", code));
        hub.appendChild(child(doc, "detail", text));
        detail.appendChild(hub);
    }

    /** The client's address, so that the refusal line names who sent it. */
    private static String caller(SoapMessage message) {
        Object request = message.getExchange() == null ? null : message.getExchange().getInMessage() == null ? null
                : message.getExchange().getInMessage().get(org.apache.cxf.transport.http.AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof jakarta.servlet.http.HttpServletRequest r ? r.getRemoteAddr() : "an unknown address";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> protocolHeaders(SoapMessage message) {
        Object headers = message.get(org.apache.cxf.message.Message.PROTOCOL_HEADERS);
        if (headers instanceof Map<?, ?> map) {
            return (Map<String, List<String>>) map;
        }
        Map<String, List<String>> created = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        message.put(org.apache.cxf.message.Message.PROTOCOL_HEADERS, created);
        return created;
    }

    /**
     * XML that is not well-formed can fail inside JAXB's unmarshalling (a truncated envelope, a character reference above
     * U+10FFFF): its cause is the parser's, and it is MALFORMED ("not XML"), not SCHEMA_VIOLATION.
     */
    private static boolean notWellFormed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            // Woodstox's own well-formedness errors only: CXF's depth and child-count limits are XMLStreamExceptions too,
            // and stay SCHEMA_VIOLATION (docs §12)
            if (c instanceof com.ctc.wstx.exc.WstxException) {
                return true;
            }
            if (c.getCause() == c) {
                return false;
            }
        }
        return false;
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
