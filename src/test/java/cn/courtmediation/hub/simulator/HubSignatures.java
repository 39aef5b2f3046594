package cn.courtmediation.hub.simulator;

import cn.courtmediation.hub.trust.Cms;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Checks the hub's detached CMS signature on a delivery, and that the signing certificate was issued by the hub CA. */
final class HubSignatures {
    /** The hub signs with one key at a time (two around a rotation); more than this is a sign of something odd, not a cache to grow. */
    private static final int MAX_TRUSTED = 16;

    private final X509Certificate ca;
    // signer certificates already checked against the CA: saves one ECDSA verification per delivery
    private final Set<X509Certificate> trusted = ConcurrentHashMap.newKeySet();

    HubSignatures(X509Certificate ca) {
        Cms.registerProvider();
        this.ca = ca;
    }

    X509Certificate ca() {
        return ca;
    }

    /** True when the base64 DER signature verifies over the payload and its signer certificate chains to the hub CA. */
    boolean valid(byte[] payload, String base64Signature) {
        if (base64Signature == null || base64Signature.isBlank()) {
            return false;
        }
        try {
            X509Certificate signer = Cms.verify(payload, Base64.getDecoder().decode(base64Signature.strip())).signer();
            return trusted.contains(signer) || issuedByCa(signer);
        } catch (IllegalArgumentException | Cms.InvalidSignature e) {
            return false;
        }
    }

    private boolean issuedByCa(X509Certificate signer) {
        try {
            signer.verify(ca.getPublicKey(), "BC");
            signer.checkValidity();
        } catch (GeneralSecurityException e) {
            return false;
        }
        if (trusted.size() < MAX_TRUSTED) {
            trusted.add(signer);
        }
        return true;
    }
}
