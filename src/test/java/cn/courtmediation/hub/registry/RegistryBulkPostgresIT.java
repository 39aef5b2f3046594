package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.support.PostgresHub;

/** The same bulk registry administration on the machine's PostgreSQL (profile postgres), on the hub all PostgreSQL tests share. */
@PostgresHub
class RegistryBulkPostgresIT extends RegistryBulkContract {
}
