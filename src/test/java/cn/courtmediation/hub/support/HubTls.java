package cn.courtmediation.hub.support;

import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** HTTPS clients for the hub's TLS port: trusting the hub CA only, with or without a participant's client certificate. */
public final class HubTls {
    private HubTls() {
    }

    /** A client that trusts the hub CA and presents the key and certificate when given (null: no client certificate). */
    public static HttpClient client(X509Certificate hubCa, PrivateKey key, X509Certificate certificate) {
        return HttpClient.newBuilder().sslContext(context(hubCa, key, certificate)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Presents the one certificate whatever the server asks for: the JDK's own key manager would leave out a certificate
     * that is expired or from another CA, and the test could not see what the hub does with one.
     */
    private static javax.net.ssl.X509ExtendedKeyManager always(javax.net.ssl.X509KeyManager keys) {
        return new javax.net.ssl.X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return new String[] {"client"};
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return "client";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
                return "client";
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return keys.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return keys.getPrivateKey(alias);
            }
        };
    }

    public static SSLContext context(X509Certificate hubCa, PrivateKey key, X509Certificate certificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("hub-ca", hubCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (key != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                // the chain up to the hub CA; a certificate from elsewhere travels alone (and fails the handshake)
                X509Certificate[] chain = certificate.getIssuerX500Principal().equals(hubCa.getSubjectX500Principal())
                        ? new X509Certificate[] {certificate, hubCa} : new X509Certificate[] {certificate};
                keys.setKeyEntry("client", key, "x".toCharArray(), chain);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, "x".toCharArray());
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf == null ? null : new javax.net.ssl.KeyManager[] {always((javax.net.ssl.X509KeyManager) kmf.getKeyManagers()[0])},
                    tmf.getTrustManagers(), null);
            return ssl;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
