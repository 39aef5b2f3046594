package cn.courtmediation.hub.demo.court;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.HubKeyStore;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Checks a delivery to the demo trial system as docs/interfaces.md 6 asks every trial system to: the hub's detached CMS
 * signature over the exact payload bytes, made with a hub signing certificate (issued by the hub CA, subject CN=HUB,
 * OU=signing, valid now). A participant's signature, though also from the hub CA, is not the hub's.
 */
@Component
class HubDeliveries {
    /** The hub signs with one key at a time (two around a rotation): a small set of certificates already checked. */
    private static final int MAX_TRUSTED = 16;

    private final HubKeyStore keys;
    private final Set<X509Certificate> trusted = ConcurrentHashMap.newKeySet();

    HubDeliveries(HubKeyStore keys) {
        Cms.registerProvider();
        this.keys = keys;
    }

    /** Returns quietly when the hub signed these bytes; otherwise SIGNATURE_MISSING, SIGNATURE_INVALID or CERT_UNKNOWN. */
    void verify(byte[] payload, String base64Signature) {
        if (base64Signature == null || base64Signature.isBlank()) {
            throw new HubException(ErrorCode.SIGNATURE_MISSING, "The demo trial system takes only deliveries the hub signed:"
                    + " X-Hub-Signature (REST) or hubSignature (SOAP) is missing.");
        }
        X509Certificate signer;
        try {
            signer = Cms.verify(payload, Base64.getDecoder().decode(base64Signature.strip())).signer();
        } catch (IllegalArgumentException | Cms.InvalidSignature e) {
            throw new HubException(ErrorCode.SIGNATURE_INVALID, "The hub's signature on this delivery does not verify: "
                    + e.getMessage());
        }
        if (!trusted.contains(signer)) {
            if (!hubSigning(signer)) {
                throw new HubException(ErrorCode.CERT_UNKNOWN, "The delivery is signed by " + signer.getSubjectX500Principal().getName()
                        + ", not with a hub signing certificate (CN=HUB, OU=signing, from the hub CA).");
            }
            if (trusted.size() < MAX_TRUSTED) {
                trusted.add(signer);
            }
        }
    }

    private boolean hubSigning(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(keys.signing().certificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(keys.caCertificate().getPublicKey(), "BC");
            cert.checkValidity();
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
