package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.trust.CertificateStore;
import cn.courtmediation.hub.trust.Certificates;
import cn.courtmediation.hub.trust.GeneratedSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Queue partners' broker accounts: issues and rotates a password (shown once, stored only as a delegating-encoder hash),
 * removes accounts, and checks a login. Rotating or removing an account closes the partner's live connections.
 */
@Component
public class BrokerAccounts {
    /** 192 random bits, URL-safe base64 without padding: usable as is in an amqp:// URL. */
    private static final int PASSWORD_BYTES = 24;
    private final BrokerAccountStore store;
    private final Registry registry;
    private final BrokerConnections connections;
    private final Clock clock;
    private final CertificateStore certificates;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /**
     * Logins already verified against the stored hash: code → (hash, SHA-256 of the password). Artemis asks again on
     * every authorization it has not cached, and a bcrypt check per message would cost ~100 ms; an entry counts only while
     * the stored hash is the same, so a rotation (on any replica) ends it.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    BrokerAccounts(BrokerAccountStore store, Registry registry, BrokerConnections connections, Clock clock,
                   CertificateStore certificates) {
        this.store = store;
        this.certificates = certificates;
        this.registry = registry;
        this.connections = connections;
        this.clock = clock;
    }

    /** An account as listed: no secret. */
    public record Account(String user, OffsetDateTime issuedAt, OffsetDateTime rotatedAt) {
    }

    /** A password just issued: the only time it is shown. */
    public record Issued(String user, String password, OffsetDateTime issuedAt, OffsetDateTime rotatedAt) {
    }

    private record Verified(String hash, byte[] digest) {
    }

    /**
     * Issues the partner's account, or rotates its password: the old one stops working at once and the partner's open
     * connections are closed. The partner's queues are created if missing (a partner may not create them).
     *
     * @throws HubException NOT_FOUND for an unknown code, NOT_QUEUE_PARTICIPANT for a participant not served over the broker
     */
    public Issued issue(String code) {
        Participant p = registry.find(code).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND, "No participant " + code + "."));
        if (p.channel() != Participant.Channel.QUEUE) {
            throw new HubException(ErrorCode.NOT_QUEUE_PARTICIPANT, "Participant " + code + " is served over " + p.channel()
                    + ", not the broker: only a participant whose registry channel is QUEUE gets a broker account.");
        }
        String password = GeneratedSecrets.random(PASSWORD_BYTES);
        store.save(code, encoder.encode(password), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        verified.remove(code);
        connections.close(code);
        connections.createQueues(code);
        BrokerAccountStore.Row row = store.find(code).orElseThrow();
        return new Issued(code, password, row.issuedAt(), row.rotatedAt());
    }

    public List<Account> list() {
        return store.all().stream().map(r -> new Account(r.code(), r.issuedAt(), r.rotatedAt())).toList();
    }

    /** Removes the account and closes its connections; false when there was none. */
    public boolean remove(String code) {
        boolean removed = store.delete(code);
        verified.remove(code);
        connections.close(code);
        return removed;
    }

    /** The partner's code when the login is its current account and the partner may use the broker now. */
    Optional<String> authenticate(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        Optional<BrokerAccountStore.Row> row = store.find(user);
        if (row.isEmpty() || !mayUseBroker(user)) {
            return Optional.empty();
        }
        String hash = row.get().passwordHash();
        byte[] digest = sha256(password);
        Verified known = verified.get(user);
        if (known != null && known.hash().equals(hash) && MessageDigest.isEqual(known.digest(), digest)) {
            return Optional.of(user);
        }
        if (!encoder.matches(password, hash)) {
            return Optional.empty();
        }
        verified.put(user, new Verified(hash, digest));
        return Optional.of(user);
    }

    /**
     * The partner a client certificate stands for (SASL EXTERNAL on the TLS acceptor, whose handshake checked that the
     * hub CA issued it): its CN, when the hub has a record of the certificate, it is not revoked (at once: no CRL cache)
     * and valid now (real time), and the partner may use the broker now. No password account is needed.
     */
    Optional<String> authenticate(X509Certificate certificate) {
        String code = Certificates.commonName(certificate);
        Optional<CertificateStore.Standing> standing = certificates.standing(CertificateStore.serialOf(certificate));
        Instant now = Instant.now();
        boolean valid = standing.isPresent() && standing.get().revokedAt() == null && !"REVOKED".equals(standing.get().status())
                && !certificate.getNotAfter().toInstant().isBefore(now) && !certificate.getNotBefore().toInstant().isAfter(now);
        return valid && code != null && mayUseBroker(code) ? Optional.of(code) : Optional.empty();
    }

    /** Whether the participant may use the broker now: an active queue participant (the registry's current entry). */
    boolean mayUseBroker(String code) {
        return BrokerSecurity.mayUseBroker(registry.find(code));
    }

    /** Closes the partner's connections (its registry entry was suspended). */
    void revoke(String code) {
        connections.close(code);
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
