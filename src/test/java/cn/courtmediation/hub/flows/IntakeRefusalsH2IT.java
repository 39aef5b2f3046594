package cn.courtmediation.hub.flows;

/** Refusals of bad input on the embedded defaults (H2), on the hub all H2 tests share. */
class IntakeRefusalsH2IT extends IntakeRefusalsContract {
}
