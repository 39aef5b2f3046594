package cn.courtmediation.hub.api;

import cn.courtmediation.hub.api.AllowListHeaderFilter;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The header allow-lists of each outbound edge, referenced from the routes and endpoints as #jmsHubHeaders, #partnerInboundHeaders, #httpHubHeaders and #soapHubHeaders. */
@Configuration
class HeaderFilters {

    /** Application properties on hub queues and partner addresses (docs/interfaces.md lists them); _AMQ_DUPL_ID is Artemis duplicate detection. */
    @Bean
    AllowListHeaderFilter jmsHubHeaders() {
        return new AllowListHeaderFilter(Set.of("hubMessageId", "hubType", "hubSender", "hubCaseId", "hubSignature",
                "hubSenderSignature", "hubDocumentReport", "hubCode", "_AMQ_DUPL_ID", "_AMQ_SCHED_DELIVERY"));
    }

    /** A partner's message on its to-hub address: only its signature property is read; the consumer sends nothing. */
    @Bean
    AllowListHeaderFilter partnerInboundHeaders() {
        return new AllowListHeaderFilter(Set.of(), Set.of("hubSignature"));
    }

    /** HTTP headers of a REST delivery to a court or unit. */
    @Bean
    AllowListHeaderFilter httpHubHeaders() {
        return new AllowListHeaderFilter(Set.of("Content-Type", "X-Hub-Message-Id", "X-Hub-Type", "X-Hub-Sender",
                "X-Hub-Case-Id", "X-Hub-Signature", "X-Hub-Sender-Signature", "X-Hub-Document-Report"));
    }

    /** SOAP calls and answers carry everything in the body and WSDL-declared headers: no Camel header crosses. */
    @Bean
    AllowListHeaderFilter soapHubHeaders() {
        return new AllowListHeaderFilter(Set.of());
    }
}
