package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.contract.MessageStatus;
import cn.courtmediation.hub.contract.Receipt;
import cn.courtmediation.hub.trust.TrustSettings;
import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.cases.CaseLifecycle;
import cn.courtmediation.hub.registry.GrassrootsFlows;
import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.RecipientGroups;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.registry.RoutingPolicy;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import cn.courtmediation.hub.trust.Evidences;
import cn.courtmediation.hub.trust.SignatureVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** The canonical intake step every channel shares: registry checks, then the atomic store, then a receipt. */
@Component("intakeService")
public class IntakeService {
    private final Registry registry;
    private final RecipientGroups groups;
    private final RoutingPolicy policy;
    private final MessageStore store;
    private final Evidences evidences;
    private final CaseLifecycle lifecycle;
    private final GrassrootsFlows grassroots;
    private final Clock clock;
    private final Duration signingWindow;

    IntakeService(Registry registry, RecipientGroups groups, RoutingPolicy policy, MessageStore store, Evidences evidences,
                  CaseLifecycle lifecycle, GrassrootsFlows grassroots, Clock clock, TrustSettings trust) {
        this.lifecycle = lifecycle;
        this.grassroots = grassroots;
        this.registry = registry;
        this.groups = groups;
        this.policy = policy;
        this.store = store;
        this.evidences = evidences;
        this.clock = clock;
        this.signingWindow = trust.signingTimeWindow();
    }

    /** Body: a validated Envelope. Who sends to whom: the sender and recipient must be in the registry (and a queue partner sends only as itself). */
    public void checkParticipants(Exchange exchange) {
        Message in = exchange.getMessage();
        Envelope e = in.getBody(Envelope.class);
        String expectedSender = in.getHeader(ChannelHeaders.EXPECTED_SENDER, String.class);
        if (expectedSender != null && !expectedSender.equals(e.sender())) {
            throw refusal(ErrorCode.SENDER_MISMATCH, "The message names sender " + e.sender()
                    + " but arrived on the address of " + expectedSender + "; a participant sends only as itself.", e);
        }
        Participant sender = registry.find(e.sender()).orElseThrow(() ->
                refusal(ErrorCode.UNKNOWN_SENDER, "Sender " + e.sender() + " is not in the hub registry.", e));
        if (groups.isGroup(e.recipient())) {
            checkFanout(sender, e);
            in.setHeader(ChannelHeaders.FANOUT, true);
            return;
        }
        in.setHeader(ChannelHeaders.FANOUT, false);
        Participant recipient = registry.find(e.recipient()).orElseThrow(() -> refusal(ErrorCode.UNKNOWN_RECIPIENT, "Recipient "
                + e.recipient() + " is not in the hub registry; check the participant code (upper case, e.g. C110105 or PBOC).", e));
        if (!sender.active()) {
            throw refusal(ErrorCode.SENDER_SUSPENDED, "Sender " + e.sender() + " is suspended in the hub registry.", e);
        }
        policy.refusal(sender, recipient).ifPresent(why -> {
            throw refusal(ErrorCode.CHANNEL_NOT_ALLOWED, why, e);
        });
        if ("GRASSROOTS".equals(e.type())) {
            grassroots.refusal(sender, recipient, e.body().path("flow").asText()).ifPresent(why -> {
                throw refusal(ErrorCode.CHANNEL_NOT_ALLOWED, why, e);
            });
        }
        // a suspended recipient is no refusal: the message is accepted and parked until it resumes
    }

    /** Body: a validated Envelope whose signature was checked. Afterwards: body a Receipt, headers hubMessageId and hubDuplicate. */
    public void accept(Exchange exchange) {
        Message in = exchange.getMessage();
        Envelope e = in.getBody(Envelope.class);
        SignatureVerifier.Signer signer = in.getHeader(ChannelHeaders.SIGNER, SignatureVerifier.Signer.class);
        Instant signingTime = signer == null ? null : signer.signingTime();
        // the store answers re-sends itself (same bytes: the original; other bytes: MESSAGE_ID_REUSED); only a
        // stale signature needs the stored message first, since a re-send keeps its receipt however old it is
        // the case lifecycle runs in the same transaction: a refused event stores neither the message nor a state change
        // so is the SUBMISSION_ACCEPTED evidence: a crash never leaves an accepted message without it (nor the reverse)
        List<String> hubFollowUps = new ArrayList<>();
        String signerSerial = signer == null ? null : signer.serial();
        MessageStore.Accepted accepted = stale(signingTime)
                ? store.find(e.messageId()).map(existing -> MessageStore.resend(existing, e)).orElseThrow(() -> staleRefusal(signingTime, e))
                : store.accept(e, in.getHeader(ChannelHeaders.INGRESS, String.class), new MessageStore.Signing(
                        in.getHeader(ChannelHeaders.SIGNATURE, String.class), signerSerial,
                        signingTime, in.getHeader(ChannelHeaders.DOCUMENT_REPORT, byte[].class)),
                        stored -> {
                            hubFollowUps.addAll(lifecycle.apply(e, stored));
                            Map<String, Object> facts = new LinkedHashMap<>();
                            facts.put("sender", stored.sender());
                            facts.put("recipient", stored.recipient());
                            facts.put("caseId", stored.caseId());
                            facts.put("payloadSha256", stored.payloadSha256());
                            facts.put("ingressChannel", stored.ingressChannel());
                            facts.put("signerCertificate", signerSerial);
                            evidences.record(stored.messageId(), Evidences.Kind.SUBMISSION_ACCEPTED, facts);
                        });
        StoredMessage m = accepted.message();
        if (!accepted.duplicate()) {
            // queued by the route after this message itself, so the court gets e.g. a refusal before the hub's filing request
            in.setHeader(ChannelHeaders.FOLLOW_UPS, hubFollowUps);
        }
        in.setHeader(ChannelHeaders.MESSAGE_ID, m.messageId());
        in.setHeader(ChannelHeaders.DUPLICATE, accepted.duplicate());
        in.setBody(new Receipt(m.messageId(), m.caseId(), MessageStatus.ACCEPTED,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(m.receivedAt()), m.payloadSha256(), accepted.duplicate()));
    }

    /** Only active courts and tribunals may address a group, and the group must have members. */
    private void checkFanout(Participant sender, Envelope e) {
        if (!sender.active()) {
            throw refusal(ErrorCode.SENDER_SUSPENDED, "Sender " + e.sender() + " is suspended in the hub registry.", e);
        }
        if (!"NOTICE".equals(e.type())) {
            throw refusal(ErrorCode.CHANNEL_NOT_ALLOWED, "Only a NOTICE may address a group (" + e.recipient() + "); a " + e.type()
                    + " goes to one participant.", e);
        }
        if (sender.kind() != Participant.Kind.COURT && sender.kind() != Participant.Kind.TRIBUNAL) {
            throw refusal(ErrorCode.CHANNEL_NOT_ALLOWED, "Only courts and tribunals may address a group (" + e.recipient() + ").", e);
        }
        if (!groups.hasMembers(e.recipient())) {
            throw refusal(ErrorCode.UNKNOWN_RECIPIENT, "Group " + e.recipient() + " has no members in the registry.", e);
        }
    }

    /** A signature made far from now is a replay or a broken clock: refused, unless it is an idempotent re-send. */
    private boolean stale(Instant signingTime) {
        return signingTime != null && Duration.between(signingTime, clock.instant()).abs().compareTo(signingWindow) > 0;
    }

    private HubException staleRefusal(Instant signingTime, Envelope e) {
        Duration skew = Duration.between(signingTime, clock.instant()).abs();
        return refusal(ErrorCode.STALE_MESSAGE, "The signature was made at " + signingTime + ", " + skew.toSeconds()
                + " s from the hub's clock; the accepted window is " + signingWindow.toSeconds() + " s. Sign when you send.", e);
    }

    private static HubException refusal(ErrorCode code, String detail, Envelope e) {
        return new HubException(code, detail, e.messageId(), List.of());
    }
}
