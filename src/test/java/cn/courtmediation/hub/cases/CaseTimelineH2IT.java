package cn.courtmediation.hub.cases;

/** The case timeline on the embedded defaults (H2 file database, embedded Artemis), on the hub all H2 tests share. */
class CaseTimelineH2IT extends CaseTimelineContract {
}
