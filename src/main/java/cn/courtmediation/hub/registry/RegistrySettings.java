package cn.courtmediation.hub.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.registry: the participant cache and bulk import/export (public for the national registry's loader, which
 * writes in the same batches).
 *
 * @param cacheSize participants cached per replica
 * @param versionCheck how often a replica compares the registry version in the database
 * @param bulk CSV import, export and national load
 */
@ConfigurationProperties("hub.registry")
public record RegistrySettings(long cacheSize, Duration versionCheck, Bulk bulk) {

    /**
     * @param batchSize entries per transaction, and the export's page size
     * @param progressEvery lines between two progress reports
     * @param maxReportedErrors errors an import report lists (the rest are counted)
     */
    public record Bulk(int batchSize, int progressEvery, int maxReportedErrors) {
    }
}
