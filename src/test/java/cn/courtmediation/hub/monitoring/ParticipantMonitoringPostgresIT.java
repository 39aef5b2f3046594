package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.support.PostgresHub;

/** ParticipantMonitoringIT on the shared PostgreSQL hub: V14's indexes and the monitoring queries on PostgreSQL. */
@PostgresHub
class ParticipantMonitoringPostgresIT extends ParticipantMonitoringIT {
}
