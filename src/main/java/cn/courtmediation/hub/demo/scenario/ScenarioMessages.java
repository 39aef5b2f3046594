package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.demo.scenario.PlannedCase;
import cn.courtmediation.hub.demo.scenario.CaseParties;
import cn.courtmediation.hub.demo.scenario.Action;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Writes the canonical message (schemas/message.schema.json) a participant submits for one scenario step,
 * and signs it as that participant at the hub clock's time: the court's CASE_DISPATCH, the mediator's
 * ACCEPT, EXTEND (both parties' signed consents), MEDIATION_RESULT (a signed agreement when it succeeded),
 * the court's answers, WITHDRAW. Message ids are derived from seed, case and step, so a re-run is idempotent.
 */
final class ScenarioMessages {
    /** China Standard Time: what the participants' systems write in sentAt. */
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    /** A signed submission: who sends it, the exact bytes and the base64 signature over them. */
    record Submission(String messageId, String caseId, Action action, String sender, byte[] payload, String signature) {
    }

    private final ObjectMapper json;
    private final ScenarioSigners signers;
    private final long seed;
    private final LocalDate start;

    ScenarioMessages(ObjectMapper json, ScenarioSigners signers, long seed, LocalDate start) {
        this.json = json;
        this.signers = signers;
        this.seed = seed;
        this.start = start;
    }

    Submission build(PlannedCase c, Action action, OffsetDateTime now) {
        CaseParties parties = CaseParties.of(seed, c);
        String sender = action.byCourt() ? c.court().code() : c.mediator();
        String recipient = action.byCourt() ? c.mediator() : c.court().code();
        OffsetDateTime sentAt = now.withOffsetSameInstant(CST).truncatedTo(ChronoUnit.MILLIS);
        ObjectNode envelope = json.createObjectNode();
        String messageId = messageId(c, action);
        envelope.put("messageId", messageId);
        envelope.put("type", switch (action) {
            case DISPATCH -> "CASE_DISPATCH";
            case SUCCEED_FOR_CONFIRMATION, SUCCEED_FOR_DOCUMENT, FAIL_TO_FILING, REFUSE -> "MEDIATION_RESULT";
            default -> "CASE_EVENT";
        });
        envelope.put("sender", sender);
        envelope.put("recipient", recipient);
        envelope.put("caseId", c.caseId());
        if (action != Action.DISPATCH) {
            envelope.put("correlationId", messageId(c, Action.DISPATCH));
        }
        envelope.put("sentAt", iso(sentAt));
        envelope.set("body", body(c, action, parties, sentAt));
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Submission(messageId, c.caseId(), action, sender, payload, signers.sign(sender, payload, now.toInstant()));
    }

    private String messageId(PlannedCase c, Action action) {
        return UUID.nameUUIDFromBytes(("scenario/" + seed + "/" + c.caseId() + "/" + action).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private ObjectNode body(PlannedCase c, Action action, CaseParties p, OffsetDateTime now) {
        int year = now.getYear();
        ObjectNode b = json.createObjectNode();
        switch (action) {
            case DISPATCH -> {
                b.put("courtCode", c.court().code());
                b.put("caseNumber", CaseParties.caseNumber(c, dispatchYear(c)));
                b.put("stage", c.preLitigation() ? "PRE_LITIGATION" : "IN_LITIGATION");
                b.put("disputeType", c.disputeType());
                ArrayNode parties = b.putArray("parties");
                for (CaseParties.Party party : new CaseParties.Party[] {p.applicant, p.respondent}) {
                    parties.addObject().put("role", party.role()).put("kind", party.kind()).put("name", party.name());
                }
                b.put("claimAmountCny", p.claimAmount);
                b.put("summary", p.applicant.name() + "与" + p.respondent.name() + "纠纷，" + (c.preLitigation() ? "诉前" : "诉中")
                        + "委派调解。");
                b.put("acceptedAt", iso(now.minusDays(2)));
            }
            case ACCEPT -> b.put("event", "ACCEPT").put("comment", "已受理，调解员" + p.mediatorName + "负责。");
            case EXTEND -> {
                b.put("event", "EXTEND").put("extensionDays", c.extensionDays());
                ArrayNode consents = b.putArray("consents");
                for (CaseParties.Party party : new CaseParties.Party[] {p.applicant, p.respondent}) {
                    ObjectNode consent = consents.addObject().put("party", party.name()).put("role", party.role())
                            .put("consentedAt", iso(now.minusHours(3)));
                    consent.set("document", signedDocument(c, "延长调解期限同意书-" + party.role(), now, party));
                }
                b.put("comment", "双方同意延长调解期限。");
            }
            case SUCCEED_FOR_CONFIRMATION, SUCCEED_FOR_DOCUMENT, FAIL_TO_FILING, REFUSE -> {
                b.put("caseNumber", CaseParties.caseNumber(c, dispatchYear(c)));
                b.put("outcome", switch (action) {
                    case FAIL_TO_FILING -> "FAILED";
                    case REFUSE -> "REFUSED";
                    default -> "SUCCEEDED";
                });
                b.put("requestedCourtAction", switch (action) {
                    case SUCCEED_FOR_CONFIRMATION -> "JUDICIAL_CONFIRMATION";
                    case SUCCEED_FOR_DOCUMENT -> "MEDIATION_DOCUMENT";
                    case FAIL_TO_FILING -> "CASE_FILING";
                    default -> "NONE";
                });
                b.putObject("mediator").put("name", p.mediatorName).put("organisationCode", c.mediator());
                b.put("summary", switch (action) {
                    case FAIL_TO_FILING -> "双方分歧较大，调解不成，申请立案。";
                    case REFUSE -> "被申请人拒绝继续调解。";
                    default -> "双方达成调解协议。";
                });
                if (action == Action.SUCCEED_FOR_CONFIRMATION || action == Action.SUCCEED_FOR_DOCUMENT) {
                    b.set("agreement", signedDocument(c, "调解协议", now, p.applicant, p.respondent));
                }
                b.put("completedAt", iso(now.minusHours(1)));
            }
            case CONFIRM -> {
                b.put("event", "CONFIRM").put("comment", "调解协议经司法确认有效。");
                b.set("document", document(c, "司法确认裁定书", c.court().code()));
            }
            case REJECT_CONFIRMATION -> b.put("event", "REJECT_CONFIRMATION").put("comment", "协议内容不符合司法确认条件。");
            case REQUEST_DOCUMENT -> b.put("event", "REQUEST_DOCUMENT").put("comment", "申请出具民事调解书。");
            case ISSUE_DOCUMENT -> {
                b.put("event", "ISSUE_DOCUMENT").put("comment", "已出具民事调解书。");
                b.set("document", document(c, "民事调解书", c.court().code()));
            }
            case FILE -> b.put("event", "FILE").put("courtCaseNumber", CaseParties.filingNumber(c, year));
            case COURT_WITHDRAW, MEDIATOR_WITHDRAW -> b.put("event", "WITHDRAW").put("comment", "申请人撤回调解申请。");
        }
        return b;
    }

    /** RFC 3339 with seconds always written (OffsetDateTime.toString drops zero seconds, which the schema refuses). */
    private static String iso(OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    /** The case number was written in the dispatch year; a result can come in the next one. */
    private int dispatchYear(PlannedCase c) {
        return start.plusDays(c.dispatchDay()).getYear();
    }

    /** An attachment the hub never sees, described by name, size and SHA-256 (schemas/case.schema.json#/$defs/attachment). */
    private ObjectNode document(PlannedCase c, String title, String owner) {
        byte[] bytes = text(c, title);
        ObjectNode d = json.createObjectNode();
        d.put("name", title + ".txt");
        d.put("mediaType", "text/plain");
        d.put("size", bytes.length);
        d.put("sha256", sha256(bytes));
        d.put("uri", "https://files." + owner.toLowerCase() + ".example.cn/" + c.caseId() + "/" + UUID.nameUUIDFromBytes(bytes) + ".txt");
        return d;
    }

    /** The same, signed by the given parties over the document's bytes. */
    private ObjectNode signedDocument(PlannedCase c, String title, OffsetDateTime now, CaseParties.Party... signers) {
        ObjectNode d = document(c, title, c.mediator());
        byte[] bytes = text(c, title);
        ArrayNode signatures = d.putArray("signatures");
        for (CaseParties.Party party : signers) {
            signatures.addObject().put("signer", party.name()).put("cms", this.signers.signDocument(party.role(), bytes, now.toInstant()));
        }
        return d;
    }

    private static byte[] text(PlannedCase c, String title) {
        return (title + "\n案件 " + c.caseId() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
