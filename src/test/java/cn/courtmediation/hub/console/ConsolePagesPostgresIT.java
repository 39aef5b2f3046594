package cn.courtmediation.hub.console;

import cn.courtmediation.hub.support.PostgresHub;

/** The console's pages and their queries (V13 indexes, per-minute counts, grouped statistics, the audit) on PostgreSQL. */
@PostgresHub
class ConsolePagesPostgresIT extends ConsolePagesIT {
}
