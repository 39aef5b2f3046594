package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.support.PostgresHub;

/** The case lifecycle on the machine's PostgreSQL (profile postgres), on the hub all PostgreSQL tests share. */
@PostgresHub
class LifecyclePostgresIT extends LifecycleContract {
}
