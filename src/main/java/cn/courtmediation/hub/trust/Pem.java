package cn.courtmediation.hub.trust;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of certificates, keys and CRLs, as openssl and other tool chains read them. */
public final class Pem {
    private Pem() {
    }

    public static String certificate(Object certOrKeyOrCrl) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(certOrKeyOrCrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
