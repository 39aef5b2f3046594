package cn.courtmediation.hub.cases;

/** The case lifecycle on the embedded H2 database, on the hub all H2 tests share. */
class LifecycleH2IT extends LifecycleContract {
}
