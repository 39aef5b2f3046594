package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Upgrading a database with cases dispatched before the lifecycle (V1-V4 data) leaves them where mediators can act on them. */
class LifecycleBackfillTest {
    @Test
    void caseDispatchedBeforeTheLifecycleBecomesDispatchedWithItsMediatorAndCourtPolicy() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:backfill-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).target("5").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        OffsetDateTime at = OffsetDateTime.of(2026, 6, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        jdbc.update("insert into participants (code, kind, name, region, channel, endpoint, status, policy_days, max_extension_days,"
                + " created_at, updated_at) values ('C1', 'COURT', '法院', '110105', 'REST', 'http://c1', 'ACTIVE', 20, 10, ?, ?)", at, at);
        jdbc.update("insert into participants (code, kind, name, region, channel, status, created_at, updated_at)"
                + " values ('P1', 'PARTNER', '机构', '100000', 'QUEUE', 'ACTIVE', ?, ?)", at, at);
        for (String caseId : new String[] {"OLD-1", "NOTICE-ONLY"}) {
            jdbc.update("insert into cases (case_id, court_code, created_at, updated_at) values (?, 'C1', ?, ?)", caseId, at, at);
        }
        jdbc.update("insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload, payload_sha256,"
                + " received_at, attempts) values ('m1', 'CASE_DISPATCH', 'C1', 'P1', 'OLD-1', 'REST', 'DELIVERED', ?, ?, ?, 0)",
                new byte[] {'{', '}'}, "0".repeat(64), at);
        jdbc.update("insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload, payload_sha256,"
                + " received_at, attempts) values ('m2', 'NOTICE', 'C1', 'P1', 'NOTICE-ONLY', 'REST', 'DELIVERED', ?, ?, ?, 0)",
                new byte[] {'{', '}'}, "0".repeat(64), at);

        Flyway.configure().dataSource(ds).load().migrate();

        Map<String, Object> old = jdbc.queryForMap("select state, mediator_code, mediator_kind, region, policy_days, max_extension_days,"
                + " dispatched_at from cases where case_id = 'OLD-1'");
        assertThat(old).containsEntry("state", "DISPATCHED").containsEntry("mediator_code", "P1").containsEntry("mediator_kind", "PARTNER")
                .containsEntry("region", "110105").containsEntry("policy_days", 20).containsEntry("max_extension_days", 10);
        assertThat(jdbc.queryForObject("select dispatched_at from cases where case_id = 'OLD-1'", OffsetDateTime.class).toInstant())
                .isEqualTo(at.toInstant());
        assertThat(jdbc.queryForObject("select state from cases where case_id = 'NOTICE-ONLY'", String.class)).isNull();
    }
}
