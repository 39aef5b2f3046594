package cn.courtmediation.hub.registry;

/**
 * Published when an operator suspends a participant (or saves its entry suspended), so that what serves it without the
 * registry knowing (its broker connections) stops at once.
 */
public record ParticipantSuspended(String code) {
}
