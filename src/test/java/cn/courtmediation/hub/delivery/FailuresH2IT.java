package cn.courtmediation.hub.delivery;

/** Refusal groups, dead-letter search, replay jobs and discards on the embedded defaults (H2), on the shared H2 hub. */
class FailuresH2IT extends FailuresContract {
}
