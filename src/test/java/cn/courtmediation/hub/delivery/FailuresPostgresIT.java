package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.support.PostgresHub;

/** Refusal groups, dead-letter search, replay jobs and discards with the PostgreSQL store, on the shared PostgreSQL hub. */
@PostgresHub
class FailuresPostgresIT extends FailuresContract {
}
