package dev.flightdelay.operator.sparkhost;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The user data of a SparkHost: the #cloud-config document rendered from the template files
 * beside this class (cloud-config.yaml.mustache and the scripts and files it includes).
 * Mustache only fills in values; every value it is given is checked by the CRD's patterns or
 * made here, and none contains a newline or a quote.
 */
final class CloudConfig {

  /**
   * What the template is filled in with.
   *
   * @param display namespace/name of the SparkHost, for comments
   * @param sshPort null when SSH is off
   * @param jupyterPort null when Jupyter is off
   * @param publicKey the OpenSSH public key the spark user accepts, or null
   * @param bucket the DataBucket's bucket to copy into ~/practice_data, or null
   * @param passwordSalt random, so that the same token never hashes the same twice
   */
  record Values(String display, String sparkVersion, String hadoopVersion, Integer sshPort, Integer jupyterPort,
      String publicKey, String bucket, String region, String jupyterToken, String passwordSalt) {
    @Override
    public String toString() {
      return "Values[" + display + ", spark " + sparkVersion + "]";
    }
  }

  private static final String TEMPLATE = "cloud-config.yaml.mustache";

  private final Template template;

  CloudConfig() {
    Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).strictSections(false)
        .withLoader(name -> reader(name));
    try (Reader main = reader(TEMPLATE)) {
      this.template = compiler.compile(main);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String render(Values values) {
    Map<String, Object> context = new HashMap<>();
    context.put("display", values.display());
    context.put("sparkVersion", values.sparkVersion());
    context.put("hadoopVersion", values.hadoopVersion());
    context.put("sshPort", values.sshPort() == null ? "" : values.sshPort());
    context.put("jupyterPort", values.jupyterPort() == null ? "" : values.jupyterPort());
    context.put("jupyter", values.jupyterPort() != null);
    context.put("publicKey", values.publicKey() == null ? false : values.publicKey().strip());
    context.put("bucket", values.bucket() == null ? "" : values.bucket());
    context.put("region", values.bucket() == null ? "" : values.region());
    context.put("passwordHash", values.jupyterPort() == null ? "" : passwordHash(values.jupyterToken(), values.passwordSalt()));
    return template.execute(context);
  }

  /**
   * Jupyter's salted password hash, algorithm:salt:hex(digest(password + salt)), which its
   * passwd_check accepts for any hashlib algorithm. The token is 32 random bytes, so a fast
   * digest does not make it guessable.
   */
  static String passwordHash(String token, String salt) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest((token + salt).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + salt + ":" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Reader reader(String name) {
    InputStream in = CloudConfig.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("template " + name + " is missing from the operator's classpath");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
