package cn.courtmediation.hub.flows;

import cn.courtmediation.hub.support.PostgresHub;

/** The same end-to-end flows on the machine's PostgreSQL (profile postgres), on the hub all PostgreSQL tests share. */
@PostgresHub
class HubFlowsPostgresIT extends HubFlowsContract {
}
