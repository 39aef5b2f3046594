package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.store.HubOutbox;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.store.StoredMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Applies the case events a message carries to the case's state, inside the transaction that stores the
 * message: a refused event (INVALID_TRANSITION, NOT_CASE_PARTY, ...) stores neither. Idempotent because
 * it runs only for a newly stored messageId; a re-send gets its original receipt and changes nothing.
 */
@Component("caseLifecycle")
public class CaseLifecycle {
    private static final Set<Participant.Kind> DISPATCHERS = Set.of(Participant.Kind.COURT, Participant.Kind.TRIBUNAL);
    private static final Set<Participant.Kind> MEDIATORS = Set.of(Participant.Kind.MEDIATION_ORG, Participant.Kind.PARTNER,
            Participant.Kind.GRASSROOTS_UNIT, Participant.Kind.TRIBUNAL);

    private final CaseStore cases;
    private final Registry registry;
    private final Deadlines deadlines;
    private final CasePushes pushes;
    private final CaseDeadlines expiries;
    private final RecordedParties parties;
    private final CaseIdOwners owners;
    private final ObjectMapper json;

    CaseLifecycle(CaseStore cases, Registry registry, Deadlines deadlines, CasePushes pushes, CaseDeadlines expiries,
                  RecordedParties parties, CaseIdOwners owners, ObjectMapper json) {
        this.expiries = expiries;
        this.parties = parties;
        this.owners = owners;
        this.cases = cases;
        this.registry = registry;
        this.deadlines = deadlines;
        this.pushes = pushes;
        this.json = json;
    }

    /** The lifecycle events a message carries, in order; empty for messages outside the lifecycle (NOTICE, GRASSROOTS, ...). */
    static List<CaseEvent> events(Envelope e) {
        JsonNode body = e.body();
        return switch (e.type()) {
            case "CASE_DISPATCH" -> List.of(CaseEvent.DISPATCH);
            case "CASE_EVENT" -> List.of(CaseEvent.valueOf(body.path("event").asText()));
            case "MEDIATION_RESULT" -> {
                String action = body.path("requestedCourtAction").asText("NONE");
                yield switch (body.path("outcome").asText()) {
                    case "SUCCEEDED" -> switch (action) {
                        case "JUDICIAL_CONFIRMATION" -> List.of(CaseEvent.SUCCEED, CaseEvent.REQUEST_CONFIRMATION);
                        case "MEDIATION_DOCUMENT" -> List.of(CaseEvent.SUCCEED, CaseEvent.REQUEST_DOCUMENT);
                        case "CASE_FILING" -> List.of(CaseEvent.SUCCEED, CaseEvent.REQUEST_FILING);
                        default -> List.of(CaseEvent.SUCCEED);
                    };
                    case "FAILED" -> "CASE_FILING".equals(action) ? List.of(CaseEvent.FAIL, CaseEvent.REQUEST_FILING) : List.of(CaseEvent.FAIL);
                    case "REFUSED" -> List.of(CaseEvent.REFUSE);
                    default -> List.of(CaseEvent.WITHDRAW);
                };
            }
            default -> List.of();
        };
    }

    /**
     * Runs in the store's transaction, on the newly stored message. Returns the ids of messages the hub
     * itself stored as a consequence (a filing request after a refusal), to be queued after the commit.
     */
    public List<String> apply(Envelope e, StoredMessage m) {
        List<CaseEvent> events = events(e);
        CaseRow c = cases.lock(e.caseId()).orElseThrow(() -> new IllegalStateException("case row missing for " + e.caseId()));
        if (events.isEmpty()) {
            checkCorrespondence(c, e);
            return List.of();
        }
        OffsetDateTime now = m.receivedAt();
        List<String> stored = new ArrayList<>();
        if (events.get(0) == CaseEvent.DISPATCH) {
            dispatch(c, e, now);
        } else if (c.state == null) {
            throw refusal(ErrorCode.INVALID_TRANSITION, "The hub knows no dispatched case " + e.caseId() + "; a case starts with a CASE_DISPATCH"
                    + " from its court.", e, c);
        } else {
            checkParties(c, events.get(0), e);
            if (CaseDeadlines.due(c, now)) {
                // the deadline passed before a scan got to the case: it expires first, and the event is judged after
                // (a late result is refused; were that refusal to roll this back, the next scan expires the case)
                stored.addAll(expiries.expireLocked(c, now));
            }
        }
        for (CaseEvent event : events) {
            // refused before its effects, so that an event that does not fit is INVALID_TRANSITION whatever else is wrong with it
            if (event.next(c.state).isEmpty()) {
                throw refusal(ErrorCode.INVALID_TRANSITION, event + " does not fit case " + c.caseId + " in state " + c.stateName()
                        + "; it fits " + (event == CaseEvent.DISPATCH ? "a new case" : event.from()) + ".", e, c);
            }
            String detail = effects(event, c, e, m, now);
            cases.transition(c, event, e.sender(), e.messageId(), now, detail);
        }
        if (c.state == CaseState.REFUSED) {
            // a party refused to go on: the hub itself transfers the case to filing and tells the court's trial system
            c.filingReason = "PARTY_REFUSED";
            cases.transition(c, CaseEvent.TRANSFER_TO_FILING, HubOutbox.HUB, e.messageId(), now, "transferred to filing: a party refused to go on");
            stored.addAll(pushes.filingRequest(c, c.filingReason, e.messageId(), false));
        }
        cases.save(c, now);
        return stored;
    }

    private void dispatch(CaseRow c, Envelope e, OffsetDateTime now) {
        Participant court = registry.find(e.sender()).orElseThrow();
        Participant mediator = registry.find(e.recipient()).orElseThrow();
        // who may dispatch is checked before the case: only its own court learns that a caseId is taken
        if (!DISPATCHERS.contains(court.kind())) {
            throw refusal(ErrorCode.NOT_CASE_PARTY, "Only a court or a tribunal dispatches a case; " + e.sender() + " is a " + court.kind() + ".", e, null);
        }
        if (!MEDIATORS.contains(mediator.kind())) {
            throw refusal(ErrorCode.NOT_CASE_PARTY, "A case goes to a mediation organisation, a partner institution, a grassroots unit"
                    + " or a tribunal; " + e.recipient() + " is a " + mediator.kind() + ".", e, null);
        }
        // a court's caseIds carry its code: no one else can take one first (and make the court's own dispatch NOT_CASE_PARTY)
        String owner = owners.owner(e.caseId()).orElse(null);
        if (!e.sender().equals(owner)) {
            throw refusal(ErrorCode.NOT_CASE_PARTY, "A court dispatches only caseIds that begin with its own code and a hyphen (e.g. "
                    + e.sender() + "-2026-000123); caseId " + e.caseId() + (owner == null ? " does not begin with " + e.sender() + "-"
                    : " carries the code of " + owner) + ".", e, null);
        }
        String courtCode = e.body().path("courtCode").asText();
        if (!e.sender().equals(courtCode)) {
            throw refusal(ErrorCode.COURT_CODE_MISMATCH, "body.courtCode is " + courtCode + " but the dispatch comes from " + e.sender()
                    + "; a court dispatches only its own cases, under its own code.", e, null);
        }
        if (c.state != null) {
            if (!e.sender().equals(c.courtCode)) {
                throw refusal(ErrorCode.NOT_CASE_PARTY, "Case " + c.caseId + " belongs to another court; choose another caseId.", e, null);
            }
            throw refusal(ErrorCode.INVALID_TRANSITION, "Case " + c.caseId + " was already dispatched (state " + c.stateName()
                    + "); a new dispatch needs a new caseId.", e, c);
        }
        c.courtCode = court.code();
        c.mediatorCode = mediator.code();
        c.mediatorKind = mediator.kind().name();
        c.region = court.region();
        c.dispatchedAt = now;
        c.policyDays = court.policyDays() == null ? Participant.DEFAULT_POLICY_DAYS : court.policyDays();
        c.maxExtensionDays = court.maxExtensionDays() == null ? Participant.DEFAULT_MAX_EXTENSION_DAYS : court.maxExtensionDays();
    }

    /**
     * Messages outside the lifecycle (NOTICE, GRASSROOTS) join a case's timeline, so they too come from its parties: on a
     * dispatched case they run between its court and its mediator; before a dispatch, a caseId that carries a participant's
     * code (CaseIdOwners) takes only messages from that participant: its only party so far. Messages to it from others used
     * to be taken, and joined the case's timeline once it was dispatched (another court could plant notices in a case it
     * had no part in). A caseId that carries no code is free.
     */
    private void checkCorrespondence(CaseRow c, Envelope e) {
        if (c.state != null) {
            if (!isCourtOrMediator(c, e.sender()) || !isCourtOrMediator(c, e.recipient())) {
                // as for lifecycle events: an outsider learns neither the parties nor the state
                throw refusal(ErrorCode.NOT_CASE_PARTY, "A " + e.type() + " on case " + c.caseId + " runs between the case's court and its"
                        + " mediator; " + e.sender() + " to " + e.recipient() + " is not between them.", e, null);
            }
            return;
        }
        owners.owner(e.caseId()).ifPresent(owner -> {
            if (!owner.equals(e.sender())) {
                throw refusal(ErrorCode.NOT_CASE_PARTY, "caseId " + e.caseId() + " carries the code of " + owner + ": until " + owner
                        + " dispatches it, messages under it come from " + owner + " only, not from " + e.sender() + ".", e, null);
            }
        });
    }

    private static boolean isCourtOrMediator(CaseRow c, String code) {
        return code.equals(c.courtCode) || code.equals(c.mediatorCode);
    }

    /** Who sends an event to whom is fixed by the case: the court and its mediator, each to the other. */
    private void checkParties(CaseRow c, CaseEvent event, Envelope e) {
        boolean fromCourt = e.sender().equals(c.courtCode) && e.recipient().equals(c.mediatorCode);
        boolean fromMediator = e.sender().equals(c.mediatorCode) && e.recipient().equals(c.courtCode);
        boolean ok = switch (event.actor()) {
            case COURT -> fromCourt;
            case MEDIATOR -> fromMediator;
            case EITHER -> fromCourt || fromMediator;
            case HUB -> false;
        };
        if (!ok) {
            // neither the parties' codes nor the state: a participant outside the case learns nothing about it
            String who = switch (event.actor()) {
                case COURT -> "the case's court to its mediator";
                case MEDIATOR -> "the case's mediator to its court";
                case EITHER -> "the case's court or its mediator, to the other";
                case HUB -> "the hub only";
            };
            throw refusal(ErrorCode.NOT_CASE_PARTY, event + " on case " + c.caseId + " comes from " + who + ", not from "
                    + e.sender() + " to " + e.recipient() + ".", e, null);
        }
    }

    /** What an event changes besides the state; returns the timeline detail. */
    private String effects(CaseEvent event, CaseRow c, Envelope e, StoredMessage m, OffsetDateTime now) {
        JsonNode body = e.body();
        switch (event) {
            case DISPATCH:
                return "dispatched to " + c.mediatorCode + "; time limit " + c.policyDays + " days from acceptance, extension at most "
                        + c.maxExtensionDays + " days";
            case ACCEPT:
                c.acceptedAt = now;
                c.deadlineAt = Deadlines.deadline(c);
                c.nextWarningAt = deadlines.nextWarning(c.deadlineAt, now);
                return "accepted; deadline " + c.deadlineAt.toInstant();
            case EXTEND:
                extend(c, e, m, now);
                // the number of consents, not the parties' names: the timeline is not the place for personal data
                return "extended by " + body.path("extensionDays").asInt() + " days with the consent of "
                        + body.path("consents").size() + " parties; deadline " + c.deadlineAt.toInstant() + " (" + c.extensionDays
                        + " of at most " + c.maxExtensionDays + " extension days used)";
            case SUCCEED:
                checkAgreement(c, e, m);
                c.conclude("SUCCEEDED", now);
                return "mediation succeeded; agreement " + body.path("agreement").path("name").asText() + " signed";
            case FAIL:
                c.conclude("FAILED", now);
                return "mediation failed";
            case REFUSE:
                c.conclude("REFUSED", now);
                return "a party refused to go on";
            case WITHDRAW:
                c.conclude("WITHDRAWN", now);
                return "withdrawn by " + e.sender();
            case REQUEST_FILING:
                c.filingReason = "FAILED".equals(c.outcome) ? "MEDIATION_FAILED" : "MEDIATOR_REQUEST";
                return "filing requested (" + c.filingReason + ")";
            case FILE:
                c.courtCaseNumber = body.path("courtCaseNumber").asText();
                return "filed as " + c.courtCaseNumber;
            default:
                return null;
        }
    }

    private void extend(CaseRow c, Envelope e, StoredMessage m, OffsetDateTime now) {
        JsonNode body = e.body();
        Set<String> ofCase = parties.of(c);
        Set<String> consenting = new HashSet<>();
        for (JsonNode consent : body.path("consents")) {
            String party = consent.path("party").asText();
            if (consent.has("document") && signatures(m, consent.get("document")) == Signatures.SOME_INVALID) {
                throw refusal(ErrorCode.CONSENT_MISSING, "The consent document of " + PartyNames.shown(party)
                        + " carries a signature that does not verify against the document's SHA-256.", e, c);
            }
            String name = PartyNames.normalise(party);
            if (!ofCase.contains(name)) {
                throw refusal(ErrorCode.CONSENT_MISSING, "Consent from " + PartyNames.shown(party) + ", who is not a party of case "
                        + c.caseId + notOnRecord(ofCase) + "; a consent names a party as the court's dispatch names it.", e, c);
            }
            consenting.add(name);
        }
        if (consenting.size() < 2) {
            throw refusal(ErrorCode.CONSENT_MISSING, "An extension needs the consent of two distinct parties of case " + c.caseId
                    + ": the consents name " + consenting.size() + " (names are compared after Unicode NFKC normalisation, without"
                    + " invisible characters, extra spaces or case).", e, c);
        }
        int days = body.path("extensionDays").asInt();
        if (c.extensionDays + days > c.maxExtensionDays) {
            throw refusal(ErrorCode.EXTENSION_LIMIT_EXCEEDED, "Extending case " + c.caseId + " by " + days + " days would make "
                    + (c.extensionDays + days) + " extension days; court " + c.courtCode + " allows at most " + c.maxExtensionDays
                    + " (" + c.extensionDays + " already granted, " + (c.maxExtensionDays - c.extensionDays) + " left).", e, c);
        }
        c.extensionDays += days;
        c.deadlineAt = Deadlines.deadline(c);
        c.nextWarningAt = deadlines.nextWarning(c.deadlineAt, now);
    }

    private void checkAgreement(CaseRow c, Envelope e, StoredMessage m) {
        JsonNode agreement = e.body().path("agreement");
        Signatures s = signatures(m, agreement);
        if (s != Signatures.ALL_VALID) {
            throw refusal(ErrorCode.AGREEMENT_NOT_SIGNED, s == Signatures.NONE
                    ? "A successful mediation needs the agreement signed by the parties: agreement " + agreement.path("name").asText()
                    + " carries no signatures (body.agreement.signatures)."
                    : "A signature on agreement " + agreement.path("name").asText() + " does not verify against its SHA-256.", e, c);
        }
        // a valid signature proves a key signed the agreement; the signer must also be a party of the case, two of them
        Set<String> ofCase = parties.of(c);
        Set<String> signing = new HashSet<>();
        for (JsonNode sig : agreement.path("signatures")) {
            String signer = sig.path("signer").asText();
            String name = PartyNames.normalise(signer);
            if (!ofCase.contains(name)) {
                throw refusal(ErrorCode.AGREEMENT_NOT_SIGNED, "Agreement " + agreement.path("name").asText() + " is signed by "
                        + PartyNames.shown(signer) + ", who is not a party of case " + c.caseId + notOnRecord(ofCase)
                        + "; body.agreement.signatures[].signer names a party as the court's dispatch names it.", e, c);
            }
            signing.add(name);
        }
        if (signing.size() < RecordedParties.needed(ofCase)) {
            throw refusal(ErrorCode.AGREEMENT_NOT_SIGNED, "Agreement " + agreement.path("name").asText() + " needs the signatures of two"
                    + " distinct parties of case " + c.caseId + ": its signatures name " + signing.size() + " (names are compared after"
                    + " Unicode NFKC normalisation, without invisible characters, extra spaces or case).", e, c);
        }
    }

    private static String notOnRecord(Set<String> ofCase) {
        return ofCase.isEmpty() ? " (the hub holds no dispatch naming the case's parties)" : "";
    }

    /** What the intake's document report says about one document's signatures. */
    private enum Signatures { NONE, ALL_VALID, SOME_INVALID }

    private Signatures signatures(StoredMessage m, JsonNode document) {
        if (!document.has("signatures") || document.get("signatures").isEmpty() || m.documentReport() == null) {
            return Signatures.NONE;
        }
        try {
            for (JsonNode d : json.readTree(m.documentReport()).path("documents")) {
                if (d.path("sha256").asText().equals(document.path("sha256").asText()) && d.path("name").asText().equals(document.path("name").asText())) {
                    for (JsonNode sig : d.path("signatures")) {
                        if (!"VALID".equals(sig.path("status").asText())) {
                            return Signatures.SOME_INVALID;
                        }
                    }
                    return Signatures.ALL_VALID;
                }
            }
        } catch (IOException ex) {
            throw new IllegalStateException("unreadable document report of " + m.messageId(), ex);
        }
        return Signatures.NONE;
    }

    private static HubException refusal(ErrorCode code, String detail, Envelope e, CaseRow c) {
        return new HubException(code, detail, e.messageId(), List.of(), c == null ? null : c.stateName());
    }
}
