package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.contract.ContractSchemas;
import cn.courtmediation.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.networknt.schema.JsonSchema;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GET /api/v1/statistics against a hand-made fixture of cases with known dates and outcomes, every figure
 * computed by hand below. The fixture's courts and mediators have codes unique to this class, and every
 * query filters by one of them, so cases of other tests in the same database never count.
 * Subclasses run it on H2 and on PostgreSQL.
 */
abstract class CaseStatisticsContract extends HubIntegrationTest {
    /** Keeps 4 and 2 decimals as sent, so that 0.3750 is checked as 0.3750 and not as the double 0.375. */
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final JsonSchema STATISTICS = new ContractSchemas().load("statistics.schema.json");
    private static final JsonSchema PROBLEM = new ContractSchemas().load("problem.schema.json");

    @Autowired
    Clock clock;

    final String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    /** Court in Beijing (region 110105) and court in Shanghai (310115). */
    final String courtA = "CSA-" + tag;
    final String courtB = "CSB-" + tag;
    /** Two partner institutions and a mediation organisation. */
    final String p1 = "CSP1-" + tag;
    final String p2 = "CSP2-" + tag;
    final String m1 = "CSM1-" + tag;

    /*
     * The fixture (times 00:00Z unless given; days = concluded - accepted):
     *
     *  id  court region  mediator          dispute    dispatched  accepted    concluded         days   outcome    filing_reason     ext state
     *  S1  A     110105  P1 PARTNER        FINANCIAL  2025-01-02  2025-01-03  2025-01-13         10.00 SUCCEEDED  -                  0  CONFIRMED
     *  S2  A     110105  P1 PARTNER        FINANCIAL  2025-01-05  2025-01-06  2025-01-26 12:00   20.50 SUCCEEDED  -                  0  DOCUMENT_ISSUED
     *  S3  A     110105  M1 MEDIATION_ORG  LABOUR     2025-02-01  2025-02-02  2025-03-19         45.00 SUCCEEDED  -                 15  SUCCEEDED
     *  S4  B     310115  P1 PARTNER        FINANCIAL  2025-02-10  2025-02-11  2025-02-16          5.00 SUCCEEDED  -                  0  CONFIRMED
     *  F1  A     110105  P2 PARTNER        FINANCIAL  2025-01-10  2025-01-11  2025-01-19 06:00    8.25 FAILED     MEDIATION_FAILED   0  FILING_REQUESTED
     *  F2  A     110105  M1 MEDIATION_ORG  LABOUR     2025-02-15  2025-02-16  2025-03-03         15.00 FAILED     -                  0  FAILED
     *  R1  A     110105  P2 PARTNER        CONSUMER   2025-01-20  2025-01-21  2025-01-24          3.00 REFUSED    PARTY_REFUSED      0  FILING_REQUESTED
     *  R2  A     110105  P1 PARTNER        FINANCIAL  2025-03-01  -           2025-03-02          -    REFUSED    PARTY_REFUSED      0  FILING_REQUESTED
     *  E1  A     110105  M1 MEDIATION_ORG  LABOUR     2025-03-05  2025-03-06  2025-04-15         40.00 EXPIRED    DEADLINE_EXPIRED  10  FILING_REQUESTED
     *  W1  A     110105  P1 PARTNER        FINANCIAL  2025-03-10  2025-03-11  2025-03-13          2.00 WITHDRAWN  -                  0  WITHDRAWN
     *  N1  A     110105  P1 PARTNER        FINANCIAL  2025-03-20  2025-03-21  -                   -    -          -                  0  IN_MEDIATION, deadline now + 2 days
     *  N2  A     110105  M1 MEDIATION_ORG  LABOUR     2025-03-25  2025-03-26  -                   -    -          -                 20  EXTENDED, deadline now + 20 days
     *  N3  A     110105  P2 PARTNER        FINANCIAL  2025-03-28  2025-03-29  -                   -    -          -                  5  EXTENDED, deadline now + 1 day
     *  D1  A     110105  P2 PARTNER        CONSUMER   2025-04-01  -           -                   -    -          -                  0  DISPATCHED
     *  X1  A     110105  -                 -          -           -           -                   -    -          -                  0  state null (a message seen, no dispatch)
     *
     * The concluded cases keep their 2025 deadlines, long past: they must not count as near their deadline.
     * The mediating ones get deadlines relative to the hub's clock, all in the future, so the deadline scan leaves them alone.
     */
    @BeforeAll
    void fixture() {
        Instant now = clock.instant();
        concluded("S1", courtA, "110105", p1, "PARTNER", "FINANCIAL", "2025-01-02", "2025-01-03", "2025-01-13T00:00:00Z", "SUCCEEDED", null, 0, "CONFIRMED");
        concluded("S2", courtA, "110105", p1, "PARTNER", "FINANCIAL", "2025-01-05", "2025-01-06", "2025-01-26T12:00:00Z", "SUCCEEDED", null, 0, "DOCUMENT_ISSUED");
        concluded("S3", courtA, "110105", m1, "MEDIATION_ORG", "LABOUR", "2025-02-01", "2025-02-02", "2025-03-19T00:00:00Z", "SUCCEEDED", null, 15, "SUCCEEDED");
        concluded("S4", courtB, "310115", p1, "PARTNER", "FINANCIAL", "2025-02-10", "2025-02-11", "2025-02-16T00:00:00Z", "SUCCEEDED", null, 0, "CONFIRMED");
        concluded("F1", courtA, "110105", p2, "PARTNER", "FINANCIAL", "2025-01-10", "2025-01-11", "2025-01-19T06:00:00Z", "FAILED", "MEDIATION_FAILED", 0, "FILING_REQUESTED");
        concluded("F2", courtA, "110105", m1, "MEDIATION_ORG", "LABOUR", "2025-02-15", "2025-02-16", "2025-03-03T00:00:00Z", "FAILED", null, 0, "FAILED");
        concluded("R1", courtA, "110105", p2, "PARTNER", "CONSUMER", "2025-01-20", "2025-01-21", "2025-01-24T00:00:00Z", "REFUSED", "PARTY_REFUSED", 0, "FILING_REQUESTED");
        concluded("R2", courtA, "110105", p1, "PARTNER", "FINANCIAL", "2025-03-01", null, "2025-03-02T00:00:00Z", "REFUSED", "PARTY_REFUSED", 0, "FILING_REQUESTED");
        concluded("E1", courtA, "110105", m1, "MEDIATION_ORG", "LABOUR", "2025-03-05", "2025-03-06", "2025-04-15T00:00:00Z", "EXPIRED", "DEADLINE_EXPIRED", 10, "FILING_REQUESTED");
        concluded("W1", courtA, "110105", p1, "PARTNER", "FINANCIAL", "2025-03-10", "2025-03-11", "2025-03-13T00:00:00Z", "WITHDRAWN", null, 0, "WITHDRAWN");
        mediating("N1", courtA, p1, "PARTNER", "FINANCIAL", "2025-03-20", "2025-03-21", "IN_MEDIATION", 0, now.plus(Duration.ofDays(2)));
        mediating("N2", courtA, m1, "MEDIATION_ORG", "LABOUR", "2025-03-25", "2025-03-26", "EXTENDED", 20, now.plus(Duration.ofDays(20)));
        mediating("N3", courtA, p2, "PARTNER", "FINANCIAL", "2025-03-28", "2025-03-29", "EXTENDED", 5, now.plus(Duration.ofDays(1)));
        insert("D1", courtA, "110105", p2, "PARTNER", "CONSUMER", "DISPATCHED", day("2025-04-01"), null, 0, null, null, null, null);
        insert("X1", courtA, "110105", null, null, null, null, null, null, 0, null, null, null, null);
    }

    private void concluded(String id, String court, String region, String mediator, String kind, String dispute, String dispatched,
                           String accepted, String concludedAt, String outcome, String filingReason, int ext, String state) {
        OffsetDateTime acceptedAt = accepted == null ? null : day(accepted);
        OffsetDateTime deadline = acceptedAt == null ? null : acceptedAt.plusDays(30 + ext);
        insert(id, court, region, mediator, kind, dispute, state, day(dispatched), acceptedAt, ext, deadline,
                OffsetDateTime.parse(concludedAt), outcome, filingReason);
    }

    private void mediating(String id, String court, String mediator, String kind, String dispute, String dispatched, String accepted,
                           String state, int ext, Instant deadline) {
        insert(id, court, "110105", mediator, kind, dispute, state, day(dispatched), day(accepted), ext, deadline.atOffset(ZoneOffset.UTC),
                null, null, null);
    }

    private void insert(String id, String court, String region, String mediator, String kind, String dispute, String state,
                        OffsetDateTime dispatched, OffsetDateTime accepted, int ext, OffsetDateTime deadline, OffsetDateTime concluded,
                        String outcome, String filingReason) {
        OffsetDateTime created = dispatched == null ? day("2025-01-01") : dispatched;
        jdbc.update("insert into cases (case_id, court_code, case_number, stage, dispute_type, created_at, updated_at, state, mediator_code,"
                        + " mediator_kind, region, dispatched_at, accepted_at, policy_days, max_extension_days, extension_days, deadline_at,"
                        + " next_warning_at, concluded_at, outcome, filing_reason)"
                        + " values (?, ?, ?, 'PRE_LITIGATION', ?, ?, ?, ?, ?, ?, ?, ?, ?, 30, 30, ?, ?, null, ?, ?, ?)",
                tag + "-" + id, court, "(2025)京0105民诉前调" + id + "号", dispute, created, created, state, mediator, kind, region,
                dispatched, accepted, ext, deadline, concluded, outcome, filingReason);
    }

    private static OffsetDateTime day(String isoDate) {
        return OffsetDateTime.parse(isoDate + "T00:00:00Z");
    }

    HttpResponse<String> get(String query) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/statistics?" + query)).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The figures, after checking the answer is 200 and valid against the contract. */
    JsonNode statistics(String query) throws Exception {
        HttpResponse<String> r = get(query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = EXACT.readTree(r.body());
        assertThat(STATISTICS.validate(body)).as(r.body()).isEmpty();
        return body;
    }

    /** The problem of a refused query, after checking it is 400 MALFORMED problem+json valid against the contract. */
    JsonNode malformed(String query) throws Exception {
        HttpResponse<String> r = get(query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(PROBLEM.validate(problem)).isEmpty();
        assertThat(problem.get("code").asText()).isEqualTo("MALFORMED");
        return problem;
    }

    static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }

    @Test
    void everyFigureOfACourtEqualsTheHandComputation() throws Exception {
        JsonNode s = statistics("court=" + courtA);

        // court A: every fixture case but S4 (court B) and X1 (never dispatched) = 13
        assertThat(s.get("dispatched").asLong()).isEqualTo(13);
        // all but R2 and D1 (never accepted) = 11
        assertThat(s.get("accepted").asLong()).isEqualTo(11);
        assertThat(s.get("succeeded").asLong()).isEqualTo(3);   // S1 S2 S3
        assertThat(s.get("failed").asLong()).isEqualTo(2);      // F1 F2
        assertThat(s.get("refused").asLong()).isEqualTo(2);     // R1 R2
        assertThat(s.get("expired").asLong()).isEqualTo(1);     // E1
        assertThat(s.get("withdrawn").asLong()).isEqualTo(1);   // W1
        // filing_reason set: F1 R1 R2 E1 (F2 failed without a filing request)
        assertThat(s.get("transferredToFiling").asLong()).isEqualTo(4);
        // 3 / (3 + 2 + 2 + 1) = 0.375
        assertThat(s.get("successRate").decimalValue()).isEqualTo(decimal("0.3750"));
        // concluded with acceptance: S1 10, S2 20.5, S3 45, F1 8.25, F2 15, R1 3, E1 40, W1 2 (R2 never accepted) = 8 cases
        assertThat(s.get("measuredCases").asLong()).isEqualTo(8);
        // 143.75 / 8 = 17.96875 -> 17.97
        assertThat(s.get("averageMediationDays").decimalValue()).isEqualTo(decimal("17.97"));
        // sorted 2, 3, 8.25, 10, 15, 20.5, 40, 45; nearest rank ceil(0.9 x 8) = 8th = 45
        assertThat(s.get("p90MediationDays").decimalValue()).isEqualTo(decimal("45.00"));
        // extension_days > 0: S3 15, E1 10, N2 20, N3 5
        assertThat(s.get("casesExtended").asLong()).isEqualTo(4);
        // mediating with deadline <= now + 5 days: N1 (+2 days, IN_MEDIATION), N3 (+1 day, EXTENDED); not N2 (+20 days),
        // not the concluded cases with past deadlines
        assertThat(s.get("nearDeadline").asLong()).isEqualTo(2);
        assertThat(s.get("nearDeadlineWithin").asText()).isEqualTo("P5D");
        assertThat(s.at("/filters/court").asText()).isEqualTo(courtA);
        assertThat(s.at("/filters/from").isNull()).isTrue();
    }

    @Test
    void successRateExcludesWithdrawnCases() throws Exception {
        // partner P1 (any court): S1 S2 S4 succeeded, R2 refused, W1 withdrawn, N1 mediating
        JsonNode s = statistics("partner=" + p1);

        assertThat(s.get("dispatched").asLong()).isEqualTo(6);
        assertThat(s.get("withdrawn").asLong()).isEqualTo(1);
        // 3 / (3 + 0 + 1 + 0) = 0.75; counting W1 would give 3 / 5 = 0.6
        assertThat(s.get("successRate").decimalValue()).isEqualTo(decimal("0.7500"));
        // S1 10, S2 20.5, S4 5, W1 2: mean 37.5 / 4 = 9.375 -> 9.38; p90 rank ceil(3.6) = 4th of 2, 5, 10, 20.5 = 20.50
        assertThat(s.get("measuredCases").asLong()).isEqualTo(4);
        assertThat(s.get("averageMediationDays").decimalValue()).isEqualTo(decimal("9.38"));
        assertThat(s.get("p90MediationDays").decimalValue()).isEqualTo(decimal("20.50"));
        assertThat(s.get("transferredToFiling").asLong()).isEqualTo(1);   // R2
        assertThat(s.get("nearDeadline").asLong()).isEqualTo(1);          // N1
    }

    @Test
    void periodIsHalfOpenOnTheDispatchDay() throws Exception {
        // [2025-02-01, 2025-03-01) of court A: S3 (dispatched on the first day) and F2; not R2 (dispatched 2025-03-01 00:00)
        JsonNode s = statistics("court=" + courtA + "&from=2025-02-01&to=2025-03-01");

        assertThat(s.get("dispatched").asLong()).isEqualTo(2);
        assertThat(s.get("succeeded").asLong()).isEqualTo(1);
        assertThat(s.get("failed").asLong()).isEqualTo(1);
        assertThat(s.get("refused").asLong()).isZero();
        // 1 / (1 + 1) = 0.5
        assertThat(s.get("successRate").decimalValue()).isEqualTo(decimal("0.5000"));
        // S3 45, F2 15: mean 30; p90 rank ceil(1.8) = 2nd = 45
        assertThat(s.get("averageMediationDays").decimalValue()).isEqualTo(decimal("30.00"));
        assertThat(s.get("p90MediationDays").decimalValue()).isEqualTo(decimal("45.00"));
        assertThat(s.get("casesExtended").asLong()).isEqualTo(1);   // S3
        assertThat(s.get("transferredToFiling").asLong()).isZero();
        assertThat(s.at("/filters/from").asText()).isEqualTo("2025-02-01T00:00:00Z");
        assertThat(s.at("/filters/to").asText()).isEqualTo("2025-03-01T00:00:00Z");
    }

    @Test
    void periodAcceptsDateTimesWithAnOffset() throws Exception {
        // from 2025-02-01T08:00+08:00 = 2025-02-01T00:00Z (S3 included); to one second after R2's dispatch: S3, F2, R2
        String from = URLEncoder.encode("2025-02-01T08:00:00+08:00", StandardCharsets.UTF_8);
        JsonNode s = statistics("court=" + courtA + "&from=" + from + "&to=2025-03-01T00:00:01Z");

        assertThat(s.get("dispatched").asLong()).isEqualTo(3);
        assertThat(s.get("refused").asLong()).isEqualTo(1);
        // 1 / (1 + 1 + 1) = 0.3333
        assertThat(s.get("successRate").decimalValue()).isEqualTo(decimal("0.3333"));
        assertThat(s.at("/filters/from").asText()).isEqualTo("2025-02-01T00:00:00Z");
    }

    @Test
    void regionMatchesByPrefixOfTheDivisionCode() throws Exception {
        // partner P1 in Beijing (11...): S1 S2 R2 W1 N1, not S4 of the Shanghai court
        assertThat(statistics("partner=" + p1 + "&region=11").get("dispatched").asLong()).isEqualTo(5);
        assertThat(statistics("partner=" + p1 + "&region=110105").get("dispatched").asLong()).isEqualTo(5);
        JsonNode shanghai = statistics("partner=" + p1 + "&region=31");
        assertThat(shanghai.get("dispatched").asLong()).isEqualTo(1);
        assertThat(shanghai.get("successRate").decimalValue()).isEqualTo(decimal("1.0000"));
        assertThat(shanghai.get("averageMediationDays").decimalValue()).isEqualTo(decimal("5.00"));
        assertThat(statistics("partner=" + p1 + "&region=1101").get("dispatched").asLong()).isEqualTo(5);
        assertThat(statistics("partner=" + p1 + "&region=12").get("dispatched").asLong()).isZero();
    }

    @Test
    void courtOfAnotherProvinceCountsOnlyItsOwnCases() throws Exception {
        JsonNode s = statistics("court=" + courtB);

        assertThat(s.get("dispatched").asLong()).isEqualTo(1);   // S4
        assertThat(s.get("succeeded").asLong()).isEqualTo(1);
        assertThat(s.get("p90MediationDays").decimalValue()).isEqualTo(decimal("5.00"));
    }

    @Test
    void mediatorKindSelectsTheMediationOrganisationsCases() throws Exception {
        // MEDIATION_ORG in court A: S3 succeeded, F2 failed, E1 expired, N2 extended
        JsonNode s = statistics("court=" + courtA + "&mediatorKind=MEDIATION_ORG");

        assertThat(s.get("dispatched").asLong()).isEqualTo(4);
        assertThat(s.get("expired").asLong()).isEqualTo(1);
        // 1 / (1 + 1 + 0 + 1) = 0.3333
        assertThat(s.get("successRate").decimalValue()).isEqualTo(decimal("0.3333"));
        // S3 45, F2 15, E1 40: mean 100 / 3 = 33.333 -> 33.33; p90 rank ceil(2.7) = 3rd of 15, 40, 45 = 45
        assertThat(s.get("averageMediationDays").decimalValue()).isEqualTo(decimal("33.33"));
        assertThat(s.get("p90MediationDays").decimalValue()).isEqualTo(decimal("45.00"));
        assertThat(s.get("casesExtended").asLong()).isEqualTo(3);   // S3 E1 N2
        assertThat(s.get("nearDeadline").asLong()).isZero();        // N2 is 20 days away
    }

    @Test
    void disputeTypeSelectsItsCasesAndARateOfZeroIsNotNull() throws Exception {
        // CONSUMER in court A: R1 refused, D1 only dispatched
        JsonNode s = statistics("court=" + courtA + "&disputeType=CONSUMER");

        assertThat(s.get("dispatched").asLong()).isEqualTo(2);
        assertThat(s.get("accepted").asLong()).isEqualTo(1);
        // 0 / (0 + 0 + 1 + 0) = 0
        assertThat(s.get("successRate").decimalValue()).isEqualTo(decimal("0.0000"));
        assertThat(s.get("averageMediationDays").decimalValue()).isEqualTo(decimal("3.00"));
        assertThat(s.get("transferredToFiling").asLong()).isEqualTo(1);
    }

    @Test
    void ratesAndDaysAreNullWhenNothingConcluded() throws Exception {
        // court A has no case in Shanghai
        JsonNode s = statistics("court=" + courtA + "&region=31");

        assertThat(s.get("dispatched").asLong()).isZero();
        assertThat(s.get("successRate").isNull()).isTrue();
        assertThat(s.get("averageMediationDays").isNull()).isTrue();
        assertThat(s.get("p90MediationDays").isNull()).isTrue();
        assertThat(s.get("measuredCases").asLong()).isZero();
    }

    @Test
    void blankFiltersDoNotFilter() throws Exception {
        JsonNode s = statistics("court=" + courtA + "&region=&disputeType=&from=");

        assertThat(s.get("dispatched").asLong()).isEqualTo(13);
        assertThat(s.at("/filters/region").isNull()).isTrue();
    }

    @Test
    void unknownDisputeTypeIsMalformed() throws Exception {
        JsonNode p = malformed("court=" + courtA + "&disputeType=GAMBLING");

        assertThat(p.get("detail").asText()).contains("disputeType must be one of").contains("FINANCIAL").contains("'GAMBLING'");
    }

    @Test
    void malformedDateIsMalformedAndNamesTheParameter() throws Exception {
        assertThat(malformed("from=2025-13-01").get("detail").asText()).contains("from must be an ISO date").contains("'2025-13-01'");
        assertThat(malformed("to=2025-01-01T00:00:00").get("detail").asText()).contains("to must be").contains("with offset");
        // an offset's '+' sent unencoded arrives as a space
        assertThat(malformed("from=2025-01-01T00:00:00+08:00").get("detail").asText()).contains("%2B");
    }

    @Test
    void periodThatDoesNotStartBeforeItEndsIsMalformed() throws Exception {
        assertThat(malformed("from=2025-03-01&to=2025-02-01").get("detail").asText()).contains("must be before to");
        assertThat(malformed("from=2025-03-01&to=2025-03-01").get("detail").asText()).contains("must be before to");
    }

    @Test
    void badRegionAndMediatorKindAreMalformedTogether() throws Exception {
        String detail = malformed("region=11a&mediatorKind=COURT").get("detail").asText();

        assertThat(detail).contains("region must be 1 to 6 digits").contains("mediatorKind must be one of").contains("MEDIATION_ORG").contains("'COURT'");
    }
}
