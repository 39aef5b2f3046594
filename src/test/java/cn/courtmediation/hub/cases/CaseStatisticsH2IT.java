package cn.courtmediation.hub.cases;

/** The case statistics on the embedded defaults (H2 file database, embedded Artemis), on the hub all H2 tests share. */
class CaseStatisticsH2IT extends CaseStatisticsContract {
}
