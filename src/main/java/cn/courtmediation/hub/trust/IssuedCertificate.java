package cn.courtmediation.hub.trust;

import java.time.OffsetDateTime;

/** A participant certificate as the hub recorded it when issuing it. */
public record IssuedCertificate(
        String serial,
        String participantCode,
        String subject,
        String suite,
        OffsetDateTime notBefore,
        OffsetDateTime notAfter,
        String status,
        OffsetDateTime revokedAt,
        String revocationReason,
        String certificatePem) {
}
