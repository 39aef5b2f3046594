package cn.courtmediation.hub.trust;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The certificates the hub CA issued to participants, and their revocations. Revocation is a row in
 * the shared database, so it takes effect on every replica at once, without a restart.
 */
@Component
public class CertificateStore {
    private static final String COLUMNS = "serial, participant_code, subject, suite, not_before, not_after, status,"
            + " revoked_at, revocation_reason, certificate";
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CertificateStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public static String serialOf(X509Certificate cert) {
        return cert.getSerialNumber().toString(16);
    }

    void record(String participant, SignatureSuite suite, X509Certificate cert) {
        try {
            jdbc.update("insert into certificates (" + COLUMNS + ", issued_at) values (?, ?, ?, ?, ?, ?, 'VALID', null, null, ?, ?)",
                    serialOf(cert), participant, cert.getSubjectX500Principal().getName(), suite.name(),
                    cert.getNotBefore().toInstant().atOffset(ZoneOffset.UTC), cert.getNotAfter().toInstant().atOffset(ZoneOffset.UTC),
                    cert.getEncoded(), now());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<IssuedCertificate> find(String serial) {
        return jdbc.query("select " + COLUMNS + " from certificates where serial = ?", CertificateStore::map, serial)
                .stream().findFirst();
    }

    /** Whether a certificate is VALID or REVOKED (and since when): what each signature check needs, without decoding the certificate. */
    public record Standing(String status, OffsetDateTime revokedAt) {
    }

    public Optional<Standing> standing(String serial) {
        return jdbc.query("select status, revoked_at from certificates where serial = ?",
                (rs, i) -> new Standing(rs.getString(1), rs.getObject(2, OffsetDateTime.class)), serial).stream().findFirst();
    }

    public List<IssuedCertificate> list(String participant) {
        return participant == null
                ? jdbc.query("select " + COLUMNS + " from certificates order by issued_at", CertificateStore::map)
                : jdbc.query("select " + COLUMNS + " from certificates where participant_code = ? order by issued_at",
                        CertificateStore::map, participant);
    }

    /** Valid certificates that expire within the given period: what the console will alert on. */
    public List<IssuedCertificate> expiringWithin(Duration period) {
        OffsetDateTime now = now();
        return jdbc.query("select " + COLUMNS + " from certificates where status = 'VALID' and not_after > ? and not_after <= ?"
                + " order by not_after", CertificateStore::map, now, now.plus(period));
    }

    public List<IssuedCertificate> revoked() {
        return jdbc.query("select " + COLUMNS + " from certificates where status = 'REVOKED' order by revoked_at", CertificateStore::map);
    }

    /** Revokes a certificate; returns false when there is no such certificate or it was already revoked. */
    public boolean revoke(String serial, String reason) {
        return jdbc.update("update certificates set status = 'REVOKED', revoked_at = ?, revocation_reason = ?"
                + " where serial = ? and status = 'VALID'", now(), reason, serial) == 1;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static IssuedCertificate map(ResultSet rs, int row) throws SQLException {
        String pem;
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509", "BC")
                    .generateCertificate(new ByteArrayInputStream(rs.getBytes("certificate")));
            pem = Pem.certificate(cert);
        } catch (CertificateException | java.security.NoSuchProviderException e) {
            // Bouncy Castle reads SM2 certificates, which the JDK's own X.509 factory does not
            throw new SQLException("unreadable certificate " + rs.getString("serial"), e);
        }
        return new IssuedCertificate(rs.getString("serial"), rs.getString("participant_code"), rs.getString("subject"),
                rs.getString("suite"), rs.getObject("not_before", OffsetDateTime.class), rs.getObject("not_after", OffsetDateTime.class),
                rs.getString("status"), rs.getObject("revoked_at", OffsetDateTime.class), rs.getString("revocation_reason"), pem);
    }
}
