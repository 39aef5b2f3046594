package cn.courtmediation.hub.simulator;

import cn.courtmediation.hub.soap.types.DeliverMessageRequest;
import cn.courtmediation.hub.soap.types.DeliverMessageResponse;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** The court side of CourtResult.wsdl (SOAP 1.1, document/literal bare): reads DeliverMessage, writes its answer and faults. */
final class SoapCodec {
    static final String HUB_NS = "urn:courtmediation:hub:soap:v1";
    static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    private static final String ENVELOPE = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>%s"
            + "</soap:Body></soap:Envelope>";

    private final JAXBContext jaxb;
    // builders are not thread-safe and costly to make: one per worker thread
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(SoapCodec::hardenedBuilder);
    private final Responder.Reply accepted;

    SoapCodec() {
        try {
            jaxb = JAXBContext.newInstance(DeliverMessageRequest.class, DeliverMessageResponse.class);
            DeliverMessageResponse ok = new DeliverMessageResponse();
            ok.setAccepted(true);
            accepted = reply(200, marshal(ok));
        } catch (JAXBException e) {
            throw new IllegalStateException("JAXB classes of hub-soap.xsd unusable", e);
        }
    }

    /** The request in a SOAP envelope; throws when it is not XML or holds no DeliverMessageRequest. */
    DeliverMessageRequest read(byte[] envelope) throws IOException, SAXException, JAXBException {
        Node request = builders.get().parse(new ByteArrayInputStream(envelope))
                .getElementsByTagNameNS(HUB_NS, "DeliverMessageRequest").item(0);
        if (request == null) {
            throw new SAXException("no {" + HUB_NS + "}DeliverMessageRequest in the SOAP body");
        }
        return jaxb.createUnmarshaller().unmarshal(request, DeliverMessageRequest.class).getValue();
    }

    Responder.Reply accepted() {
        return accepted;
    }

    /** A SOAP 1.1 fault, always HTTP 500; faultCode is soap:Server (try again later) or soap:Client (do not). */
    static Responder.Reply fault(String faultCode, String text) {
        return reply(500, "<soap:Fault><faultcode>" + faultCode + "</faultcode><faultstring>" + escape(text)
                + "</faultstring></soap:Fault>");
    }

    private String marshal(DeliverMessageResponse response) throws JAXBException {
        Marshaller m = jaxb.createMarshaller();
        m.setProperty(Marshaller.JAXB_FRAGMENT, true);
        StringWriter out = new StringWriter();
        m.marshal(response, out);
        return out.toString();
    }

    private static Responder.Reply reply(int status, String bodyXml) {
        return new Responder.Reply(status, CONTENT_TYPE, String.format(ENVELOPE, bodyXml).getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** No DTDs, no external entities: the envelope comes from the network. */
    private static DocumentBuilder hardenedBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // throws fatal errors; the built-in one also prints them to stderr
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
