package cn.courtmediation.hub.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.delivery: retries, per-recipient isolation and ordering of deliveries (the endpoints, queues and consumer
 * counts are read by the routes themselves). Public for the SOAP client's timeout.
 *
 * @param maxRedeliveries retries after the first attempt before a message is FAILED (HUB_DELIVERY_MAX_REDELIVERIES)
 * @param redeliveryDelay ms before the first retry, doubled for each further one (HUB_DELIVERY_REDELIVERY_DELAY)
 * @param perRecipientConcurrency HTTP deliveries to one recipient at a time (HUB_DELIVERY_PER_RECIPIENT)
 * @param unavailableWait ms a message waits when its recipient's bulkhead is full
 * @param orderWait ms a message waits per unfinished earlier message of its case (HUB_DELIVERY_ORDER_WAIT)
 * @param guardCacheSize recipients whose breaker and bulkhead are kept at a time
 * @param soapTimeout ms a SOAP delivery may take (HUB_DELIVERY_SOAP_TIMEOUT)
 * @param breaker the per-recipient circuit breaker
 * @param attemptLease how long one consumer's claim on a message's delivery attempt holds if the attempt never ends
 *                     (the consumer died); longer than any attempt (HUB_DELIVERY_ATTEMPT_LEASE)
 */
@ConfigurationProperties("hub.delivery")
public record DeliverySettings(int maxRedeliveries, long redeliveryDelay, int perRecipientConcurrency, long unavailableWait,
                               long orderWait, long guardCacheSize, long soapTimeout, Breaker breaker,
                               Duration attemptLease) {

    /**
     * @param failureRate percentage of failed calls that opens the breaker
     * @param minimumCalls calls before the failure rate counts
     * @param openFor how long an open breaker stays open before a probe (HUB_DELIVERY_BREAKER_OPEN_FOR)
     * @param probeWait ms a message waits while another message's probe is in flight
     */
    public record Breaker(float failureRate, int minimumCalls, Duration openFor, long probeWait) {
    }
}
