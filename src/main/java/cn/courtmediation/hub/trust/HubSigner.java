package cn.courtmediation.hub.trust;

import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/** Signs what the hub sends (deliveries, receipts, evidences) with its current signing key: base64 DER detached CMS. */
@Component("hubSigner")
public class HubSigner {
    private final HubKeyStore keys;

    HubSigner(HubKeyStore keys) {
        this.keys = keys;
    }

    public String sign(byte[] content) {
        HubKeyStore.Credential signing = keys.signing();
        return Base64.getEncoder().encodeToString(
                Cms.sign(content, signing.key(), signing.certificate(), SignatureSuite.ECDSA_P256_SHA256, List.of()));
    }
}
