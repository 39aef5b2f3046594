package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.registry.Participant.Kind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may address whom (docs/interfaces.md, "Allowed pairs"). Courts and tribunals may address anyone;
 * partner institutions and mediation organisations answer courts and tribunals; a grassroots unit
 * talks only with the court or tribunal it is docked to (its registry parent), never to a partner directly.
 */
@Component
public class RoutingPolicy {
    private static final Map<Kind, Set<Kind>> ALLOWED = new EnumMap<>(Kind.class);

    static {
        ALLOWED.put(Kind.COURT, EnumSet.allOf(Kind.class));
        ALLOWED.put(Kind.TRIBUNAL, EnumSet.allOf(Kind.class));
        ALLOWED.put(Kind.PARTNER, EnumSet.of(Kind.COURT, Kind.TRIBUNAL));
        ALLOWED.put(Kind.MEDIATION_ORG, EnumSet.of(Kind.COURT, Kind.TRIBUNAL));
        ALLOWED.put(Kind.GRASSROOTS_UNIT, EnumSet.of(Kind.COURT, Kind.TRIBUNAL));
    }

    /** Empty when the pair is allowed; otherwise why not, in words a sender's developer can act on. */
    public Optional<String> refusal(Participant sender, Participant recipient) {
        if (!ALLOWED.get(sender.kind()).contains(recipient.kind())) {
            return Optional.of("A " + sender.kind() + " may not address a " + recipient.kind() + " (" + recipient.code()
                    + "); allowed recipients of a " + sender.kind() + ": " + ALLOWED.get(sender.kind()) + ".");
        }
        if (sender.kind() == Kind.GRASSROOTS_UNIT && !recipient.code().equals(sender.parentCode())) {
            return Optional.of("Grassroots unit " + sender.code() + " is docked to " + sender.parentCode()
                    + " and may address only that court or tribunal, not " + recipient.code() + ".");
        }
        return Optional.empty();
    }
}
