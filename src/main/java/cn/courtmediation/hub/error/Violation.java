package cn.courtmediation.hub.error;

/** One violated schema rule: where in the message, and what is wrong. */
public record Violation(String path, String message) {
}
