package org.sermonuploader.engine.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.sermonuploader.engine.UploadException;

/** Trusts MINIO_CA_FILE's certificates as well as the system's. */
final class CaTrust {
  private CaTrust() {}

  static void trustAlso(OkHttpClient.Builder b, Path caFile) throws UploadException {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      if (i == 0) throw new java.security.cert.CertificateException("no certificate in " + caFile);
      TrustManagerFactory custom =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      custom.init(ks);
      TrustManagerFactory system =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      system.init((KeyStore) null);
      X509TrustManager mine = (X509TrustManager) custom.getTrustManagers()[0];
      X509TrustManager theirs = (X509TrustManager) system.getTrustManagers()[0];
      X509TrustManager both =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
              theirs.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
              try {
                mine.checkServerTrusted(chain, authType);
              } catch (java.security.cert.CertificateException e) {
                theirs.checkServerTrusted(chain, authType);
                return;
              }
              // a certificate that is its own trust anchor is not date-checked by the JDK: check it
              // here
              for (X509Certificate c : chain) c.checkValidity();
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              List<X509Certificate> all = new ArrayList<>(List.of(mine.getAcceptedIssuers()));
              all.addAll(List.of(theirs.getAcceptedIssuers()));
              return all.toArray(new X509Certificate[0]);
            }
          };
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {both}, null);
      b.sslSocketFactory(ctx.getSocketFactory(), both);
    } catch (java.nio.file.NoSuchFileException e) {
      throw UploadException.fatal("The CA file " + caFile + " does not exist.", "BadCaFile", e);
    } catch (IOException e) {
      throw UploadException.fatal("The CA file " + caFile + " can't be read.", "BadCaFile", e);
    } catch (java.security.GeneralSecurityException e) {
      throw UploadException.fatal(
          "The CA file " + caFile + " does not hold a certificate in PEM form.", "BadCaFile", e);
    }
  }
}
