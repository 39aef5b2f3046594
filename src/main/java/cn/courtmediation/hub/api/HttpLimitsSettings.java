package cn.courtmediation.hub.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.http: how the hub reads the body of a submission (REST POST /api/v1/messages, SOAP POST /services/CaseExchange).
 *
 * @param bodyTimeout the whole body must have arrived within this long after the headers (HUB_HTTP_BODY_TIMEOUT)
 * @param soapOverheadBytes what a SOAP envelope may carry beyond the base64 payload (envelope, HubSignature header)
 */
@ConfigurationProperties("hub.http")
public record HttpLimitsSettings(Duration bodyTimeout, int soapOverheadBytes) {
}
