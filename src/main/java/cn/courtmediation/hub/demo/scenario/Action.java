package cn.courtmediation.hub.demo.scenario;

/** One submission a participant makes in the scenario: what it is and who sends it. */
enum Action {
    DISPATCH(true),
    ACCEPT(false),
    EXTEND(false),
    SUCCEED_FOR_CONFIRMATION(false),
    SUCCEED_FOR_DOCUMENT(false),
    FAIL_TO_FILING(false),
    REFUSE(false),
    MEDIATOR_WITHDRAW(false),
    COURT_WITHDRAW(true),
    CONFIRM(true),
    REJECT_CONFIRMATION(true),
    REQUEST_DOCUMENT(false),
    ISSUE_DOCUMENT(true),
    FILE(true);

    private final boolean byCourt;

    Action(boolean byCourt) {
        this.byCourt = byCourt;
    }

    /** True when the court sends it (to the mediator); otherwise the mediator sends it to the court. */
    boolean byCourt() {
        return byCourt;
    }
}
