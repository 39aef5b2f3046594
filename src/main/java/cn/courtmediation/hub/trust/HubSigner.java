package cn.courtmediation.hub.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/** Signs what the hub sends (deliveries, receipts, evidences) with its current signing key: base64 DER detached CMS. */
@Component("hubSigner")
public class HubSigner {
    private final HubKeyStore keys;
    /**
     * Signatures over payloads many deliveries carry unchanged (a fan-out's children: one payload, thousands of
     * recipients), by payload SHA-256 and signing certificate: a detached signature depends only on those bytes and
     * that key, so each recipient still gets a valid hub signature over exactly what it received, made moments
     * earlier, and a rotated key is used at once (another certificate, another entry).
     */
    private final Cache<String, String> shared;

    HubSigner(HubKeyStore keys, SharedSignatureSettings settings) {
        this.keys = keys;
        this.shared = Caffeine.newBuilder().expireAfterWrite(settings.ttl()).maximumSize(settings.maxPayloads()).build();
    }

    public String sign(byte[] content) {
        return sign(content, keys.signing());
    }

    /**
     * The hub's signature over a payload that many deliveries share, made once per signing key within the
     * configured time (hub.delivery.shared-signature.ttl); {@code sha256} is the payload's hex SHA-256 as stored.
     */
    public String signShared(byte[] content, String sha256) {
        HubKeyStore.Credential signing = keys.signing();
        return shared.get(sha256 + "/" + signing.certificate().getSerialNumber().toString(16), k -> sign(content, signing));
    }

    private static String sign(byte[] content, HubKeyStore.Credential signing) {
        return Base64.getEncoder().encodeToString(
                Cms.sign(content, signing.key(), signing.certificate(), SignatureSuite.ECDSA_P256_SHA256, List.of()));
    }
}
