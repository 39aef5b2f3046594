package cn.courtmediation.hub.error;

/** One violated schema rule: where in the message (a JSON Pointer, RFC 6901; "" is the whole message), and what is wrong. */
public record Violation(String path, String message) {
    /** Both echo the client's input: kept well-formed Unicode (Text), the message without ID or phone numbers. */
    public Violation {
        path = Text.wellFormed(path);
        message = PersonalNumbers.mask(Text.wellFormed(message));
    }
}
