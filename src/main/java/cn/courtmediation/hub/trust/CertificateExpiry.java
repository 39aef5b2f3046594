package cn.courtmediation.hub.trust;

import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** Which participant certificates expire within the warning period (hub.trust.expiry-warning). */
@Component("certificateExpiry")
public class CertificateExpiry {
    private final CertificateStore certificates;
    private final Duration warning;

    CertificateExpiry(CertificateStore certificates, TrustSettings trust) {
        this.certificates = certificates;
        this.warning = trust.expiryWarning();
    }

    public List<IssuedCertificate> expiring() {
        return certificates.expiringWithin(warning);
    }
}
