package dev.coffer.server.http;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * Builds an in-memory key store from a PEM certificate chain and a PEM private key (PKCS#1 RSA,
 * SEC1 EC or unencrypted PKCS#8), as Vault's listener accepts them. Bouncy Castle only parses; the
 * keys are JDK keys.
 */
final class PemKeyStore {
  static final String ALIAS = "coffer";

  private PemKeyStore() {}

  /**
   * Loads the pair into a PKCS#12 key store protected by {@code password}.
   *
   * @throws IllegalArgumentException naming the file that cannot be used (never its content)
   */
  static KeyStore load(Path certFile, Path keyFile, char[] password) {
    List<X509Certificate> chain = certificates(certFile);
    PrivateKey key = privateKey(keyFile);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "invalid value for 'listener.tls_key_file': the key does not fit the certificate", e);
    }
  }

  private static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid value for 'listener.tls_cert_file': cannot read a PEM certificate from " + file,
          e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid value for 'listener.tls_cert_file': no PEM certificate in " + file);
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof PEMKeyPair pair) {
          return jdkKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return jdkKey(info);
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid value for 'listener.tls_key_file': cannot read a PEM private key from " + file,
          e);
    }
    throw new IllegalArgumentException(
        "invalid value for 'listener.tls_key_file': no unencrypted PEM private key in " + file);
  }

  /** SEC1 keys may name their curve only inside the key; the JDK wants it in the identifier. */
  private static PrivateKeyInfo withCurveInAlgorithmIdentifier(PrivateKeyInfo info)
      throws IOException {
    ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
    if (params != null && !(params instanceof ASN1Null)) {
      return info;
    }
    ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
    return new PrivateKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()),
        sec1);
  }

  /** The key as a JDK key, so the JDK's TLS stack takes it without a registered BC provider. */
  private static PrivateKey jdkKey(PrivateKeyInfo info)
      throws IOException, GeneralSecurityException {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm;
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      algorithm = "RSA";
    } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      algorithm = "EC";
      info = withCurveInAlgorithmIdentifier(info);
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      algorithm = "Ed25519";
    } else {
      throw new GeneralSecurityException("unsupported key algorithm " + oid);
    }
    return KeyFactory.getInstance(algorithm)
        .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
  }
}
