package cn.courtmediation.hub.api;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Lets only named headers leave the hub (as JMS properties, HTTP or SOAP headers) and, unless named too, lets no
 * external header in: Camel otherwise copies every inbound header to every outbound edge.
 */
public class AllowListHeaderFilter implements HeaderFilterStrategy {
    private final Set<String> allowed;
    private final Set<String> allowedIn;

    /** Named headers out, nothing in. */
    public AllowListHeaderFilter(Set<String> allowed) {
        this(allowed, Set.of());
    }

    /** Named headers out, named headers in. */
    public AllowListHeaderFilter(Set<String> allowed, Set<String> allowedIn) {
        this.allowed = lowerCase(allowed);
        this.allowedIn = lowerCase(allowedIn);
    }

    private static Set<String> lowerCase(Set<String> names) {
        return names.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return headerValue == null || !allowed.contains(headerName.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return headerValue == null || !allowedIn.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
