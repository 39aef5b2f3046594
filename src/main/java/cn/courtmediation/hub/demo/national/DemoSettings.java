package cn.courtmediation.hub.demo.national;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.demo: the demo registry (the scenario's own settings are ScenarioSettings).
 *
 * @param courtBaseUrl where demo REST/SOAP courts are reached; empty: this hub's demo trial system (HUB_DEMO_COURT_URL)
 */
@ConfigurationProperties("hub.demo")
record DemoSettings(String courtBaseUrl) {

    DemoSettings {
        courtBaseUrl = courtBaseUrl == null ? "" : courtBaseUrl;
    }
}
