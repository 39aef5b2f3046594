package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.registry.Participant;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The grassroots flows between a governance unit and the court or tribunal it is docked to: which flow goes
 * in which direction (docs/lifecycle.md, "Grassroots flows"). A unit never uses them with anyone else.
 */
@Component
public class GrassrootsFlows {
    /** Unit to its court or tribunal. */
    static final Set<String> UPWARD = Set.of("EARLY_WARNING", "RESOLUTION", "MEDIATION", "JUDICIAL_CONFIRMATION", "PROGRESS");
    /** Court or tribunal to one of its units. */
    static final Set<String> DOWNWARD = Set.of("DIVERSION", "RESULT_FEEDBACK", "GUIDANCE", "SUPERVISION", "PROGRESS");

    /** Why a GRASSROOTS message with this flow may not go from sender to recipient; empty when it may. */
    public Optional<String> refusal(Participant sender, Participant recipient, String flow) {
        boolean upward = sender.kind() == Participant.Kind.GRASSROOTS_UNIT && recipient.code().equals(sender.parentCode());
        boolean downward = recipient.kind() == Participant.Kind.GRASSROOTS_UNIT && sender.code().equals(recipient.parentCode());
        if (!upward && !downward) {
            return Optional.of("Grassroots flows run between a grassroots unit and the court or tribunal it is docked to; "
                    + sender.code() + " and " + recipient.code() + " are not such a pair.");
        }
        if (upward && !UPWARD.contains(flow)) {
            return Optional.of("Flow " + flow + " goes from the court or tribunal to the unit, not from the unit; a unit sends "
                    + String.join(", ", UPWARD.stream().sorted().toList()) + ".");
        }
        if (downward && !DOWNWARD.contains(flow)) {
            return Optional.of("Flow " + flow + " goes from the unit to its court or tribunal, not the other way; a court sends "
                    + String.join(", ", DOWNWARD.stream().sorted().toList()) + ".");
        }
        return Optional.empty();
    }
}
