package cn.courtmediation.hub.access;

import org.springframework.stereotype.Component;

/** Lets the hub's own components record what they did without a request (AuditTrail is this package's). */
@Component
public class SystemAudit {
    private final AuditTrail trail;

    SystemAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** Records an action of the hub itself: actor (e.g. "routes-reload"), a verb, what it acted on, whether it worked, and why not. */
    public void record(String actor, String action, String target, boolean ok, String detail) {
        trail.recordSystem(actor, action, target, ok ? 200 : 422, detail);
    }
}
