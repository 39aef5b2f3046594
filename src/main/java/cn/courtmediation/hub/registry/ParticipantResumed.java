package cn.courtmediation.hub.registry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Published when an operator resumes a participant, so that the flows holding its messages release them without the
 * registry knowing those flows; listeners add what they released to {@code released}, which the resume call answers.
 */
public record ParticipantResumed(String code, AtomicInteger released) {
    public ParticipantResumed(String code) {
        this(code, new AtomicInteger());
    }
}
