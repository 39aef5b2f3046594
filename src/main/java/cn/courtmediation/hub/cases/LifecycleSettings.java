package cn.courtmediation.hub.cases;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.lifecycle: the case lifecycle's time limits (the scan interval is read by its route).
 *
 * @param warningOffsets deadline warnings this long before a case's deadline (HUB_DEADLINE_WARNINGS)
 * @param nearDeadline statistics count a mediating case as near its deadline within this (HUB_NEAR_DEADLINE)
 */
@ConfigurationProperties("hub.lifecycle")
record LifecycleSettings(List<Duration> warningOffsets, Duration nearDeadline) {
}
