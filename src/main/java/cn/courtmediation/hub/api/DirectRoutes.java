package cn.courtmediation.hub.api;

import java.util.Map;
import org.apache.camel.FluentProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The one way Java code outside the routes calls a route: synchronously, over an in-process direct: endpoint only, so
 * that every broker send stays in routes/ (ArchitectureTest lets no other class hold a Camel or JMS producer).
 */
@Component
public class DirectRoutes {
    private final FluentProducerTemplate producer;

    DirectRoutes(FluentProducerTemplate producer) {
        this.producer = producer;
    }

    /** Calls the direct: route with the body and answers its body as the given type; a failure is thrown. */
    public <T> T request(String directUri, Object body, Class<T> type) {
        return request(directUri, body, Map.of(), type);
    }

    /** Calls the direct: route with the body and headers and answers its body as the given type; a failure is thrown. */
    public <T> T request(String directUri, Object body, Map<String, Object> headers, Class<T> type) {
        if (!directUri.startsWith("direct:")) {
            throw new IllegalArgumentException("Only direct: routes are called from Java, not " + directUri);
        }
        FluentProducerTemplate call = producer.to(directUri).withBody(body);
        for (Map.Entry<String, Object> h : headers.entrySet()) {
            call = call.withHeader(h.getKey(), h.getValue());
        }
        return call.request(type);
    }
}
