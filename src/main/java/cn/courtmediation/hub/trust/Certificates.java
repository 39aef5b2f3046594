package cn.courtmediation.hub.trust;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Issues end-entity signing certificates from the hub CA and reads the participant code a certificate names. */
public final class Certificates {
    private Certificates() {
    }

    /** An end-entity certificate for signing (digitalSignature, nonRepudiation), issued by the CA credential. */
    public static X509Certificate issue(HubKeyStore.Credential ca, PublicKey subjectKey, X500Name subject, BigInteger serial,
                                        Instant now, Duration validity) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    new JcaX509CertificateHolder(ca.certificate()).getSubject(), serial, Date.from(now.minusSeconds(300)),
                    Date.from(now.plus(validity)), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            return new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME).getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastleProvider.PROVIDER_NAME)
                            .build(ca.key())));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("Certificate issuance failed", e);
        }
    }

    /**
     * A TLS server certificate for the hub's HTTPS port and AMQP TLS acceptor: serverAuth, with the host names and IP
     * addresses clients connect to as subject alternative names (what hostname verification checks).
     */
    public static X509Certificate issueTlsServer(HubKeyStore.Credential ca, PublicKey subjectKey, BigInteger serial, Instant now,
                                                 Duration validity, java.util.List<String> hosts) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    new JcaX509CertificateHolder(ca.certificate()).getSubject(), serial, Date.from(now.minusSeconds(300)),
                    Date.from(now.plus(validity)), new X500Name("CN=" + hosts.get(0) + ",OU=tls,O=Court Mediation Integration Hub,C=CN"),
                    subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new org.bouncycastle.asn1.x509.ExtendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth));
            org.bouncycastle.asn1.x509.GeneralName[] names = hosts.stream()
                    .map(h -> new org.bouncycastle.asn1.x509.GeneralName(h.matches("[0-9.]+|.*:.*")
                            ? org.bouncycastle.asn1.x509.GeneralName.iPAddress : org.bouncycastle.asn1.x509.GeneralName.dNSName, h))
                    .toArray(org.bouncycastle.asn1.x509.GeneralName[]::new);
            b.addExtension(Extension.subjectAlternativeName, false, new org.bouncycastle.asn1.x509.GeneralNames(names));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            return new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME).getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastleProvider.PROVIDER_NAME)
                            .build(ca.key())));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("Certificate issuance failed", e);
        }
    }

    /** The subject of a participant certificate: CN is the participant's registry code. */
    public static X500Name participantSubject(String code) {
        return new X500Name("CN=" + code + ",OU=participant,O=Court Mediation Integration Hub,C=CN");
    }

    /** The CN of a certificate's subject: for participant certificates, the participant code. */
    public static String commonName(X509Certificate cert) {
        try {
            X500Name name = new JcaX509CertificateHolder(cert).getSubject();
            var rdns = name.getRDNs(BCStyle.CN);
            return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
