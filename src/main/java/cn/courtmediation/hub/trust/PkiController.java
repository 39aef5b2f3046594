package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hub PKI over HTTP. Public: the CA certificate and the CRL. Administration (bearer token):
 * issue a participant certificate from a CSR, sandbox credentials, list (and expiring), revoke,
 * rotate the hub signing key.
 */
@RestController
class PkiController {
    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    private final HubKeyStore keys;
    private final CertificateAuthority ca;
    private final CertificateStore certificates;
    private final CertificateExpiry expiry;

    PkiController(HubKeyStore keys, CertificateAuthority ca, CertificateStore certificates, CertificateExpiry expiry) {
        this.keys = keys;
        this.ca = ca;
        this.certificates = certificates;
        this.expiry = expiry;
    }

    @GetMapping("/pki/hub-ca.pem")
    ResponseEntity<String> caCertificate() {
        return ResponseEntity.ok().contentType(PEM).body(Pem.certificate(keys.caCertificate()));
    }

    /** The hub's signing certificates, newest (current) first: recipients may pin them. */
    @GetMapping("/pki/hub-signing.pem")
    ResponseEntity<String> signingCertificates() {
        StringBuilder b = new StringBuilder();
        keys.signingCertificates().forEach(c -> b.append(Pem.certificate(c)));
        return ResponseEntity.ok().contentType(PEM).body(b.toString());
    }

    @GetMapping("/pki/crl")
    ResponseEntity<byte[]> crl() throws CRLException {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/pkix-crl")).body(ca.crl().getEncoded());
    }

    @GetMapping("/pki/crl.pem")
    ResponseEntity<String> crlPem() {
        return ResponseEntity.ok().contentType(PEM).body(Pem.certificate(ca.crl()));
    }

    /** Body: a PEM PKCS#10 request. Answer: the certificate (PEM), whose CN is the participant code. */
    @PostMapping(value = "/admin/pki/participants/{code}/certificates")
    ResponseEntity<String> issue(@PathVariable String code, @RequestBody String csrPem) {
        X509Certificate cert = ca.issueFromCsr(code, csrPem);
        return ResponseEntity.status(201).contentType(PEM).body(Pem.certificate(cert));
    }

    /** A zip with participant.key.pem, participant.cert.pem and hub-ca.pem, for a participant developer's sandbox. */
    @PostMapping("/admin/pki/participants/{code}/sandbox")
    ResponseEntity<byte[]> sandbox(@PathVariable String code,
                                   @RequestParam(defaultValue = "ECDSA_P256_SHA256") String suite) throws IOException {
        SignatureSuite s;
        try {
            s = SignatureSuite.valueOf(suite);
        } catch (IllegalArgumentException e) {
            throw new HubException(ErrorCode.MALFORMED, "suite must be one of ECDSA_P256_SHA256, SM2_SM3, RSA_2048_SHA256");
        }
        CertificateAuthority.Credentials c = ca.sandbox(code, s);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            entry(z, "participant.key.pem", Pem.certificate(c.keyPair().getPrivate()));
            entry(z, "participant.cert.pem", Pem.certificate(c.certificate()));
            entry(z, "hub-ca.pem", Pem.certificate(c.ca()));
            entry(z, "README.txt", "Sandbox credentials for participant " + code + " (" + s + "), certificate serial "
                    + CertificateStore.serialOf(c.certificate()) + ".\nSign a message:\n  openssl cms -sign -binary -in message.json"
                    + " -signer participant.cert.pem -inkey participant.key.pem -md sha256 -nosmimecap -outform DER -out message.sig\n"
                    + "  base64 -w0 message.sig   # value of X-Hub-Signature / HubSignature / hubSignature\n");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + code + "-sandbox.zip\"")
                .body(zip.toByteArray());
    }

    @GetMapping("/admin/pki/certificates")
    List<IssuedCertificate> list(@RequestParam(required = false) String participant,
                                 @RequestParam(defaultValue = "false") boolean expiring) {
        return expiring ? expiry.expiring() : certificates.list(participant);
    }

    @PostMapping("/admin/pki/certificates/{serial}/revoke")
    Map<String, Object> revoke(@PathVariable String serial, @RequestParam(defaultValue = "unspecified") String reason) {
        IssuedCertificate c = certificates.find(serial).orElseThrow(() ->
                new HubException(ErrorCode.NOT_FOUND, "No certificate with serial " + serial + "."));
        boolean revoked = certificates.revoke(serial, reason);
        return Map.of("serial", serial, "participant", c.participantCode(), "status", "REVOKED", "changed", revoked);
    }

    @PostMapping("/admin/pki/hub-signing/rotate")
    ResponseEntity<String> rotate() {
        return ResponseEntity.ok().contentType(PEM).body(Pem.certificate(keys.rotateSigningKey()));
    }

    private static void entry(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
