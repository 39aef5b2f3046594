package cn.courtmediation.hub.cases;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** The arithmetic of mediation time limits: deadline from acceptance, policy and extension; when the next warning is due. */
@Component
class Deadlines {
    private final List<Duration> warningOffsets;

    Deadlines(LifecycleSettings settings) {
        // largest offset first: the earliest warning comes first
        this.warningOffsets = settings.warningOffsets().stream().sorted(Comparator.reverseOrder()).toList();
    }

    /** Acceptance + the court's policy days + the extension granted so far. */
    static OffsetDateTime deadline(CaseRow c) {
        return c.acceptedAt.plusDays(c.policyDays + c.extensionDays);
    }

    /** The first warning time after now, or null when none is left before the deadline. */
    OffsetDateTime nextWarning(OffsetDateTime deadline, OffsetDateTime now) {
        return warningOffsets.stream().map(deadline::minus).filter(t -> t.isAfter(now)).findFirst().orElse(null);
    }
}
