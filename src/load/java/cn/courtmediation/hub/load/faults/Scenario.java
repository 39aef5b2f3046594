package cn.courtmediation.hub.load.faults;

import java.util.Arrays;
import java.util.Optional;

/** The fault runs: what each one runs the hub on, where the messages go, and (in FaultDriver) what goes wrong. */
enum Scenario {
    KILL9_H2("kill9-h2", Store.H2, false, Target.QUEUE),
    KILL9_POSTGRES("kill9-postgres", Store.POSTGRES, false, Target.QUEUE),
    BROKER_KILL("broker-kill", Store.H2, true, Target.QUEUE),
    DB_REFUSE("db-refuse", Store.POSTGRES_PROXY, false, Target.QUEUE),
    COURT_DOWN("court-down", Store.H2, false, Target.COURT),
    SIGTERM("sigterm", Store.H2, false, Target.QUEUE),
    /** The control: the same load with no fault, to tell what a fault causes from what the hub does anyway (e.g. order). */
    NO_FAULT("no-fault", Store.H2, false, Target.QUEUE);

    /** Where the hub keeps its messages. */
    enum Store { H2, POSTGRES, POSTGRES_PROXY }

    /** Who receives: the partner's queue (AMQP) or a REST court. */
    enum Target { QUEUE, COURT }

    final String id;
    final Store store;
    final boolean externalBroker;
    final Target target;

    Scenario(String id, Store store, boolean externalBroker, Target target) {
        this.id = id;
        this.store = store;
        this.externalBroker = externalBroker;
        this.target = target;
    }

    static Optional<Scenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** "H2 + embedded broker", "PostgreSQL via proxy + embedded broker", ... */
    String setup() {
        String db = switch (store) {
            case H2 -> "H2 file";
            case POSTGRES -> "PostgreSQL";
            case POSTGRES_PROXY -> "PostgreSQL via proxy";
        };
        return db + " + " + (externalBroker ? "external Artemis" : "embedded broker") + " -> "
                + (target == Target.QUEUE ? "AMQP partner" : "REST court");
    }
}
