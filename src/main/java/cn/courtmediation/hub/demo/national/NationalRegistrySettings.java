package cn.courtmediation.hub.demo.national;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.registry.national: the generated national registry.
 *
 * @param enabled load it at start (HUB_NATIONAL_REGISTRY)
 * @param seed same seed, same registry (HUB_NATIONAL_SEED)
 * @param simulatorUrl where generated endpoints point (HUB_SIMULATOR_URL)
 */
@ConfigurationProperties("hub.registry.national")
record NationalRegistrySettings(boolean enabled, long seed, String simulatorUrl) {
}
