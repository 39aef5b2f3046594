package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which cases a caller's statistics cover, for each court level, the other kinds of participant and operators. */
class StatisticsScopeTest {

    private static Optional<Participant> court(String code, String region, CourtLevel level) {
        return Optional.of(new Participant(code, Kind.COURT, "法院", region, null, Channel.REST, "https://court.example/hub",
                Status.ACTIVE, level, null, null, null));
    }

    private static StatisticsScope scopeOf(String code, Optional<Participant> entry) {
        return StatisticsScope.of(Caller.participant(code), entry);
    }

    @Test
    void operatorsOfEveryRoleSeeTheNation() {
        for (Caller.Role role : Caller.Role.values()) {
            assertThat(StatisticsScope.of(Caller.operator("op", role), Optional.empty())).isEqualTo(StatisticsScope.NATION);
        }
    }

    @Test
    void theSupremePeoplesCourtSeesTheNation() {
        assertThat(scopeOf("SPC", court("SPC", "100000", CourtLevel.SUPREME))).isEqualTo(StatisticsScope.NATION);
    }

    @Test
    void aHighCourtSeesItsProvinceByTheFirstTwoDigitsOfItsRegion() {
        assertThat(scopeOf("H11", court("H11", "110000", CourtLevel.HIGH)))
                .isEqualTo(new StatisticsScope(StatisticsScope.Kind.REGION, null, "11", null));
    }

    @Test
    void anIntermediateCourtSeesItsDistrictByTheFirstFourDigits() {
        assertThat(scopeOf("I1101", court("I1101", "110105", CourtLevel.INTERMEDIATE)))
                .isEqualTo(new StatisticsScope(StatisticsScope.Kind.REGION, null, "1101", null));
    }

    @Test
    void aBasicCourtSeesItsOwnCases() {
        assertThat(scopeOf("C110105", court("C110105", "110105", CourtLevel.BASIC)))
                .isEqualTo(new StatisticsScope(StatisticsScope.Kind.COURT, "C110105", null, null));
    }

    @Test
    void aCourtWithoutLevelSeesItsOwnCases() {
        assertThat(scopeOf("C1", court("C1", "110105", null)).kind()).isEqualTo(StatisticsScope.Kind.COURT);
    }

    @Test
    void aHigherCourtWithoutAUsableRegionFallsBackToItsOwnCasesNotTheNation() {
        assertThat(scopeOf("H", court("H", null, CourtLevel.HIGH)))
                .isEqualTo(new StatisticsScope(StatisticsScope.Kind.COURT, "H", null, null));
        assertThat(scopeOf("I", court("I", "11", CourtLevel.INTERMEDIATE)).kind()).isEqualTo(StatisticsScope.Kind.COURT);
        assertThat(scopeOf("X", court("X", "1x0000", CourtLevel.HIGH)).kind()).isEqualTo(StatisticsScope.Kind.COURT);
    }

    @Test
    void partnersMediationOrganisationsTribunalsAndGrassrootsUnitsSeeTheCasesTheyMediated() {
        for (Kind kind : new Kind[] {Kind.PARTNER, Kind.MEDIATION_ORG, Kind.TRIBUNAL, Kind.GRASSROOTS_UNIT}) {
            Optional<Participant> p = Optional.of(new Participant("M1", kind, "调解", "110105", null, Channel.QUEUE, null, Status.ACTIVE));
            assertThat(scopeOf("M1", p)).as(kind.name()).isEqualTo(new StatisticsScope(StatisticsScope.Kind.MEDIATOR, null, null, "M1"));
        }
    }

    @Test
    void aParticipantNotInTheRegistrySeesOnlyCasesUnderItsOwnCode() {
        assertThat(scopeOf("GONE", Optional.empty())).isEqualTo(new StatisticsScope(StatisticsScope.Kind.COURT, "GONE", null, null));
    }
}
