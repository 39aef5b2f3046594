package cn.courtmediation.hub.error;

import java.util.List;

/** Refusal of input with a stable code; each channel renders it in its own error form. */
public class HubException extends RuntimeException {
    private final ErrorCode code;
    private final String messageId;
    private final List<Violation> violations;

    public HubException(ErrorCode code, String detail) {
        this(code, detail, null, List.of());
    }

    public HubException(ErrorCode code, String detail, String messageId, List<Violation> violations) {
        super(detail);
        this.code = code;
        this.messageId = messageId;
        this.violations = List.copyOf(violations);
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
}
