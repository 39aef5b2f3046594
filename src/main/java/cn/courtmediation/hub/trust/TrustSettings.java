package cn.courtmediation.hub.trust;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.trust: signatures, the hub's keys and certificates, and evidences (the expiry check's
 * interval is read by its route).
 *
 * @param enforce refuse unsigned messages (HUB_TRUST_ENFORCE)
 * @param keystore the hub's PKCS#12; empty: generated under the data directory (HUB_KEYSTORE)
 * @param keystorePassword HUB_KEYSTORE_PASSWORD
 * @param signingTimeWindow how far a signature may be from the hub's clock (HUB_SIGNING_TIME_WINDOW)
 * @param participantCertificateValidity HUB_CERT_VALIDITY
 * @param expiryWarning certificates expiring within this are reported
 * @param pushEvidences evidence kinds pushed to a message's sender (HUB_PUSH_EVIDENCES)
 */
@ConfigurationProperties("hub.trust")
public record TrustSettings(boolean enforce, String keystore, String keystorePassword, Duration signingTimeWindow,
                            Duration participantCertificateValidity, Duration expiryWarning, Set<String> pushEvidences) {

    public TrustSettings {
        // an empty value in application.yaml (HUB_KEYSTORE:) binds as null: "not set" either way
        keystore = keystore == null ? "" : keystore;
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        pushEvidences = pushEvidences == null ? Set.of() : Set.copyOf(pushEvidences);
    }

    /** Without the secrets: a record's own toString would print them into any log that shows the settings. */
    @Override
    public String toString() {
        return "TrustSettings[enforce=" + enforce + ", keystore=" + keystore + ", keystorePassword=" + (keystorePassword.isEmpty() ? "" : "***")
                + ", signingTimeWindow=" + signingTimeWindow + ", participantCertificateValidity=" + participantCertificateValidity
                + ", expiryWarning=" + expiryWarning + ", pushEvidences=" + pushEvidences + "]";
    }
}
