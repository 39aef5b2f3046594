package cn.courtmediation.hub.load;

import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.SignatureSuite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** Signs the load tool's messages as the sending court would, with sandbox credentials fetched from the hub's admin API (HTTPS, operator token). */
public final class LoadSigner {
    private final PrivateKey key;
    private final X509Certificate certificate;

    private LoadSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Sandbox credentials for the participant from POST /admin/pki/participants/{code}/sandbox (an admin's token, HTTPS). */
    public static LoadSigner fetch(HubAdmin admin, String participant) throws IOException, InterruptedException {
        Cms.registerProvider();
        HttpResponse<byte[]> zip = admin.send(admin.request("/admin/pki/participants/" + participant + "/sandbox")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (zip.statusCode() != 200) {
            throw new IOException("sandbox credentials for " + participant + ": HTTP " + zip.statusCode() + " "
                    + new String(zip.body(), StandardCharsets.UTF_8));
        }
        PrivateKey key = null;
        X509Certificate cert = null;
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                byte[] pem = z.readAllBytes();
                try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.UTF_8))) {
                    Object o = parser.readObject();
                    if ("participant.key.pem".equals(e.getName())) {
                        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider("BC");
                        key = o instanceof PEMKeyPair kp ? converter.getKeyPair(kp).getPrivate() : converter.getPrivateKey((PrivateKeyInfo) o);
                    } else if ("participant.cert.pem".equals(e.getName())) {
                        cert = new JcaX509CertificateConverter().setProvider("BC").getCertificate((X509CertificateHolder) o);
                    }
                }
            }
        } catch (java.security.cert.CertificateException ex) {
            throw new IOException(ex);
        }
        if (key == null || cert == null) {
            throw new IOException("sandbox zip without participant.key.pem / participant.cert.pem");
        }
        return new LoadSigner(key, cert);
    }

    /** The participant's private key (it is also its TLS client key on the HTTPS port). */
    public PrivateKey key() {
        return key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Detached CMS signature (ECDSA P-256) over the exact bytes, base64, for the X-Hub-Signature header. */
    public String sign(byte[] payload) {
        return Base64.getEncoder().encodeToString(Cms.sign(payload, key, certificate, SignatureSuite.ECDSA_P256_SHA256, List.of()));
    }
}
