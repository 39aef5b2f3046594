package cn.courtmediation.hub.flows;

/** The end-to-end flows on the embedded defaults (H2 file database, embedded Artemis), on the hub all H2 tests share. */
class HubFlowsH2IT extends HubFlowsContract {
}
