package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.ParticipantResumed;
import cn.courtmediation.hub.registry.ParticipantSuspended;
import cn.courtmediation.hub.registry.Registry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Suspends and resumes a participant for the console, exactly as POST /admin/registry/participants/{code}/suspend and
 * /resume do: the status, then the event its broker connections (suspend) and its parked messages (resume) listen to.
 */
@Component
public class ParticipantSwitch {
    private final Registry registry;
    private final ApplicationEventPublisher events;

    ParticipantSwitch(Registry registry, ApplicationEventPublisher events) {
        this.registry = registry;
        this.events = events;
    }

    public void suspend(String code) {
        if (!registry.setStatus(code, Participant.Status.SUSPENDED)) {
            throw notFound(code);
        }
        events.publishEvent(new ParticipantSuspended(code));
    }

    /** Resumes it and answers how many parked messages were released to it. */
    public int resume(String code) {
        if (!registry.setStatus(code, Participant.Status.ACTIVE)) {
            throw notFound(code);
        }
        ParticipantResumed resumed = new ParticipantResumed(code);
        events.publishEvent(resumed);
        return resumed.released().get();
    }

    private static HubException notFound(String code) {
        return new HubException(ErrorCode.NOT_FOUND, "No participant " + code + " in the registry.");
    }
}
