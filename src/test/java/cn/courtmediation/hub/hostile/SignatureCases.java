package cn.courtmediation.hub.hostile;

import static cn.courtmediation.hub.hostile.HostileCase.of;

import cn.courtmediation.hub.support.SelfSigned;
import cn.courtmediation.hub.support.TestMessages;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The signature half of the corpus, one table for every channel: a valid notice from the channel's sender with a
 * missing, broken, weak, foreign, expired, revoked, stale or otherwise wrong signature. Codes: docs/interfaces.md 3.4.
 */
final class SignatureCases {
    private SignatureCases() {
    }

    static List<HostileCase> all() {
        List<HostileCase> c = new ArrayList<>();
        String missing = "signature missing or unreadable";
        c.add(sig(missing, "no signature", "SIGNATURE_MISSING", (p, b) -> null));
        c.add(sig(missing, "empty signature", "SIGNATURE_MISSING", (p, b) -> ""));
        c.add(sig(missing, "blank signature", "SIGNATURE_MISSING", (p, b) -> "   "));
        c.add(sig(missing, "not base64", "SIGNATURE_INVALID", (p, b) -> "!!!not-base64!!!"));
        c.add(sig(missing, "base64 of text", "SIGNATURE_INVALID", (p, b) -> b64("not a CMS structure")));
        c.add(sig(missing, "base64 of the payload itself", "SIGNATURE_INVALID", (p, b) -> Base64.getEncoder().encodeToString(b)));
        c.add(sig(missing, "PEM armour around the signature", "SIGNATURE_INVALID",
                (p, b) -> "-----BEGIN CMS-----" + p.own.sign(b) + "-----END CMS-----"));
        c.add(sig(missing, "the signer's certificate instead of a signature", "SIGNATURE_INVALID", (p, b) -> {
            try {
                return Base64.getEncoder().encodeToString(p.own.certificate().getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        c.add(sig(missing, "truncated DER", "SIGNATURE_INVALID", (p, b) -> {
            byte[] der = Base64.getDecoder().decode(p.own.sign(b));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(der, der.length / 2));
        }));
        c.add(sig(missing, "DER with a flipped byte in the signature value", "SIGNATURE_INVALID", (p, b) -> {
            byte[] der = Base64.getDecoder().decode(p.own.sign(b));
            der[der.length - 5] ^= 0x01;
            return Base64.getEncoder().encodeToString(der);
        }));
        c.add(sig(missing, "7000 characters of base64 garbage", "SIGNATURE_INVALID", (p, b) -> b64("x".repeat(5250))));
        // over REST a header this long got Tomcat's HTML 400 before the header limit was raised to 24 KB
        c.add(sig(missing, "17000 characters, over the 16000 limit", "SIGNATURE_INVALID", (p, b) -> b64("x".repeat(12_750))));
        c.add(sig(missing, "a valid signature followed by 15000 characters of base64", "SIGNATURE_INVALID",
                (p, b) -> p.own.sign(b) + b64("x".repeat(11_250))));

        String forged = "forged or tampered";
        c.add(sig(forged, "signature over other bytes (tampered payload)", "SIGNATURE_INVALID",
                (p, b) -> p.own.sign(new String(b, StandardCharsets.UTF_8).replace("调解", "撤销").getBytes(StandardCharsets.UTF_8))));
        c.add(sig(forged, "signature over CRLF line ends (openssl without -binary)", "SIGNATURE_INVALID",
                (p, b) -> p.own.sign(new String(b, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        c.add(sig(forged, "the sender's certificate with another key", "SIGNATURE_INVALID", (p, b) -> {
            KeyPair k = OddSignatures.keys("EC");
            return new cn.courtmediation.hub.support.TestSigners.Signer(k.getPrivate(), p.own.certificate(), p.own.suite()).sign(b);
        }));
        c.add(sig(forged, "signature relabelled as EnvelopedData", "SIGNATURE_INVALID", (p, b) -> OddSignatures.relabelled(p.own.sign(b))));
        c.add(sig(forged, "two signers (the sender and another participant)", "SIGNATURE_INVALID",
                (p, b) -> OddSignatures.twoSigners(b, p.own.key(), p.own.certificate(), p.otherSigner.key(), p.otherSigner.certificate())));
        c.add(sig(forged, "content encapsulated (attached signature)", "SIGNATURE_INVALID",
                (p, b) -> OddSignatures.attached(b, p.own.key(), p.own.certificate())));
        c.add(sig(forged, "no signed attributes (no signing time)", "SIGNATURE_INVALID",
                (p, b) -> OddSignatures.noSignedAttributes(b, p.own.key(), p.own.certificate())));

        String weak = "weak algorithms";
        c.add(sig(weak, "md5WithRSA over a SHA-256 digest", "SIGNATURE_INVALID", (p, b) -> weakRsa(p, b, "MD5withRSA")));
        c.add(sig(weak, "sha1WithRSA over a SHA-256 digest", "SIGNATURE_INVALID", (p, b) -> weakRsa(p, b, "SHA1withRSA")));
        c.add(sig(weak, "ecdsa-with-SHA1 over a SHA-256 digest", "SIGNATURE_INVALID", (p, b) -> {
            KeyPair k = OddSignatures.keys("EC");
            return OddSignatures.weakAlgorithm(b, "SHA1withECDSA", k.getPrivate(), OddSignatures.selfSigned(p.sender, k));
        }));
        c.add(sig(weak, "SHA-1 digest with ECDSA", "SIGNATURE_INVALID", (p, b) -> {
            KeyPair k = OddSignatures.keys("EC");
            return OddSignatures.weakDigest(b, "SHA1withECDSA", k.getPrivate(), OddSignatures.selfSigned(p.sender, k));
        }));
        c.add(sig(weak, "SHA-1 digest with RSA", "SIGNATURE_INVALID", (p, b) -> {
            KeyPair k = OddSignatures.keys("RSA");
            return OddSignatures.weakDigest(b, "SHA1withRSA", k.getPrivate(), OddSignatures.selfSigned(p.sender, k));
        }));

        String certs = "certificates";
        c.add(sig(certs, "self-signed certificate naming the sender", "CERT_UNKNOWN", (p, b) -> SelfSigned.signer(p.sender).sign(b)));
        c.add(sig(certs, "RSA self-signed certificate naming the sender", "CERT_UNKNOWN", (p, b) -> {
            KeyPair k = OddSignatures.keys("RSA");
            return new cn.courtmediation.hub.support.TestSigners.Signer(k.getPrivate(), OddSignatures.selfSigned(p.sender, k),
                    cn.courtmediation.hub.trust.SignatureSuite.RSA_2048_SHA256).sign(b);
        }));
        c.add(sig(certs, "expired certificate", "CERT_EXPIRED", (p, b) -> p.expired.sign(b)));
        c.add(sig(certs, "certificate not yet valid", "CERT_EXPIRED", (p, b) -> p.notYetValid.sign(b)));
        c.add(sig(certs, "revoked certificate", "CERT_REVOKED", (p, b) -> p.revoked.sign(b)));

        String spoofed = "spoofed senders";
        c.add(sig(spoofed, "signed by another participant", "SENDER_MISMATCH", (p, b) -> p.otherSigner.sign(b)));
        c.add(of(spoofed, "envelope names another participant, signed by the channel's sender", "SENDER_MISMATCH", p -> {
            byte[] b = TestMessages.bytes(TestMessages.fresh("notice.json", p.other, p.recipient));
            return new Submission(b, p.own.sign(b));
        }));
        c.add(of(spoofed, "envelope names another participant, signed by that participant", "SENDER_MISMATCH", p -> {
            byte[] b = TestMessages.bytes(TestMessages.fresh("notice.json", p.other, p.recipient));
            return new Submission(b, p.otherSigner.sign(b));
        }).only(Ch.AMQP));

        String time = "signing time";
        c.add(sig(time, "signed two hours ago", "STALE_MESSAGE", (p, b) -> p.established.signAt(b, Instant.now().minus(Duration.ofHours(2)))));
        c.add(sig(time, "signed two hours ahead", "STALE_MESSAGE", (p, b) -> p.established.signAt(b, Instant.now().plus(Duration.ofHours(2)))));
        c.add(sig(time, "signed five days ago", "STALE_MESSAGE", (p, b) -> p.established.signAt(b, Instant.now().minus(Duration.ofDays(5)))));
        return c;
    }

    /** A valid notice from the channel's sender with the given signature over its bytes. */
    private static HostileCase sig(String category, String name, String code, BiFunction<Parties, byte[], String> signature) {
        return of(category, name, code, p -> {
            byte[] b = TestMessages.bytes(p.notice());
            return new Submission(b, signature.apply(p, b));
        });
    }

    private static String weakRsa(Parties p, byte[] b, String algorithm) {
        KeyPair k = OddSignatures.keys("RSA");
        X509Certificate cert = OddSignatures.selfSigned(p.sender, k);
        return OddSignatures.weakAlgorithm(b, algorithm, k.getPrivate(), cert);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
