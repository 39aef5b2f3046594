package cn.courtmediation.hub.flows;

import cn.courtmediation.hub.support.PostgresHub;

/** Refusals of bad input with the PostgreSQL store, on the hub all PostgreSQL tests share. */
@PostgresHub
class IntakeRefusalsPostgresIT extends IntakeRefusalsContract {
}
