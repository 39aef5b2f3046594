package cn.courtmediation.hub.error;

import java.util.List;

/** Refusal of input with a stable code; each channel renders it in its own error form. */
public class HubException extends RuntimeException {
    private final ErrorCode code;
    private final String messageId;
    private final List<Violation> violations;
    private final String currentState;

    public HubException(ErrorCode code, String detail) {
        this(code, detail, null, List.of());
    }

    public HubException(ErrorCode code, String detail, String messageId, List<Violation> violations) {
        this(code, detail, messageId, violations, null);
    }

    /** A refusal by the case lifecycle, which tells the case's current state (null: the hub does not know the case). */
    public HubException(ErrorCode code, String detail, String messageId, List<Violation> violations, String currentState) {
        // the detail is logged and answered: it keeps no lone surrogate and no party's ID or phone number (a parser's
        // message may quote the input)
        super(PersonalNumbers.mask(Text.wellFormed(detail)));
        this.code = code;
        this.messageId = PersonalNumbers.mask(Text.wellFormed(messageId));
        this.violations = List.copyOf(violations);
        this.currentState = currentState;
    }

    public ErrorCode code() {
        return code;
    }

    public String messageId() {
        return messageId;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The case's state when a lifecycle event was refused; null otherwise. */
    public String currentState() {
        return currentState;
    }
}
