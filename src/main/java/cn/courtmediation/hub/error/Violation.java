package cn.courtmediation.hub.error;

/** One violated schema rule: where in the message (a JSON Pointer, RFC 6901; "" is the whole message), and what is wrong. */
public record Violation(String path, String message) {
}
