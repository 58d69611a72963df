package dev.flightdelay.operator.sparkhost;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes the secrets of a SparkHost in the operator: an RSA key pair whose private key is kept
 * (in the Secret) before EC2 learns its public half through ImportKeyPair, so no crash can leave
 * a key pair in EC2 whose private key is lost; and the Jupyter token.
 */
final class SshKeys {

  private static final int RSA_BITS = 3072;
  private static final int TOKEN_BYTES = 32;

  /** A private key as PEM (PKCS#8, which ssh reads) and its public key in OpenSSH's format. */
  record Generated(String privateKeyPem, String publicKeyOpenSsh) {
    @Override
    public String toString() {
      return "Generated[publicKey=" + publicKeyOpenSsh + "]";
    }
  }

  private final SecureRandom random;

  SshKeys(SecureRandom random) {
    this.random = random;
  }

  Generated generate(String comment) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(RSA_BITS, random);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make RSA keys", e);
    }
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    return new Generated(pem, openSsh((RSAPublicKey) pair.getPublic(), comment));
  }

  /** A random token of 32 bytes, hex: Jupyter's password, known only to the Secret. */
  String token() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** RFC 4253 ssh-rsa public key: string "ssh-rsa", mpint e, mpint n. */
  static String openSsh(RSAPublicKey key, String comment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeBytes(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
      writeBytes(out, key.getPublicExponent().toByteArray());
      writeBytes(out, key.getModulus().toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " " + comment;
  }

  private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }
}
