package cn.courtmediation.hub.access;

import cn.courtmediation.hub.api.HttpRefusals;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.trust.CertificateStore;
import cn.courtmediation.hub.trust.Certificates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Makes a request with a client certificate (HTTPS port; the handshake already checked that the hub CA issued it and that
 * it is within its validity) a participant's: the certificate's CN is its registry code. Refused 401 on this very request,
 * whatever the path: a certificate the hub has no record of, one revoked (at once, no CRL cache), expired (by real
 * time, not the demo's moved clock), or of a participant that is not in the registry or is suspended.
 */
final class ParticipantCertificates extends CredentialFilter {
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final CertificateStore certificates;
    private final Registry registry;
    // real time, not the hub's clock (the demo replay moves that into the past): access is about now
    private final Clock clock = Clock.systemUTC();

    ParticipantCertificates(CertificateStore certificates, Registry registry) {
        this.certificates = certificates;
        this.registry = registry;
    }


    @Override
    protected void authenticate(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object presented = request.getAttribute(CERTIFICATES);
        if (!(presented instanceof X509Certificate[] chainOfClient) || chainOfClient.length == 0) {
            chain.doFilter(request, response);
            return;
        }
        X509Certificate cert = chainOfClient[0];
        String code = Certificates.commonName(cert);
        String refusal = CredentialLookups.orUnavailable(() -> refusal(cert, code));
        if (refusal != null) {
            HttpRefusals.write(response, AccessRules.pathOf(request), new HubException(ErrorCode.UNAUTHORIZED,
                    "The client certificate (serial " + CertificateStore.serialOf(cert) + ") " + refusal + "."));
            return;
        }
        authenticated(request, new PreAuthenticatedAuthenticationToken(
                Caller.participant(code), cert, List.of(new SimpleGrantedAuthority("ROLE_PARTICIPANT"))));
        chain.doFilter(request, response);
    }

    private String refusal(X509Certificate cert, String code) {
        Optional<CertificateStore.Standing> standing = certificates.standing(CertificateStore.serialOf(cert));
        if (standing.isEmpty()) {
            return "is not one the hub issued";
        }
        if (standing.get().revokedAt() != null || "REVOKED".equals(standing.get().status())) {
            return "was revoked";
        }
        if (cert.getNotAfter().toInstant().isBefore(clock.instant()) || cert.getNotBefore().toInstant().isAfter(clock.instant())) {
            return "is expired or not yet valid";
        }
        Optional<Participant> participant = code == null ? Optional.empty() : registry.find(code);
        if (participant.isEmpty()) {
            return "names a participant the registry does not hold";
        }
        if (!participant.get().active()) {
            return "belongs to " + code + ", which is suspended";
        }
        return null;
    }
}
