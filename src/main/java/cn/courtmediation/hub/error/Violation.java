package cn.courtmediation.hub.error;

/** One violated schema rule: where in the message (a JSON Pointer, RFC 6901; "" is the whole message), and what is wrong. */
public record Violation(String path, String message) {
    /** Both echo the client's input, so both are kept well-formed Unicode (Text). */
    public Violation {
        path = Text.wellFormed(path);
        message = Text.wellFormed(message);
    }
}
