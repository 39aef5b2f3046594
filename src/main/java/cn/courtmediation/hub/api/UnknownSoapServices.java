package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.DestinationFactory;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A path under /services/ that names no SOAP service: a NOT_FOUND SOAP fault, where CXF wrote an HTML page ("No service
 * was found."). The service list at /services/ itself and every published service are CXF's as before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class UnknownSoapServices extends OncePerRequestFilter {
    private final Bus bus;

    UnknownSoapServices(Bus bus) {
        this.bus = bus;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/services/") || path.equals("/services/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        DestinationRegistry services = registry();
        String service = path.substring("/services".length());
        if (services == null || services.getDestinationForPath(service, true) != null || services.checkRestfulRequest(service) != null) {
            chain.doFilter(request, response);
            return;
        }
        HttpRefusals.write(response, path, new HubException(ErrorCode.NOT_FOUND, "No SOAP service at " + path
                + "; the hub's is /services/CaseExchange (WSDL at /services/CaseExchange?wsdl)."), 404);
    }

    private DestinationRegistry registry() {
        DestinationFactoryManager factories = bus.getExtension(DestinationFactoryManager.class);
        try {
            DestinationFactory http = factories == null ? null : factories.getDestinationFactory("http://cxf.apache.org/transports/http");
            return http instanceof HTTPTransportFactory h ? h.getRegistry() : null;
        } catch (org.apache.cxf.BusException e) {
            return null;
        }
    }
}
