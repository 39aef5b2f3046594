package cn.courtmediation.hub.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.route-files: route files changed while the hub runs.
 *
 * @param reload reload a changed file under the routes folder (only when the routes are read from files)
 */
@ConfigurationProperties("hub.route-files")
record RouteFileSettings(boolean reload) {
}
