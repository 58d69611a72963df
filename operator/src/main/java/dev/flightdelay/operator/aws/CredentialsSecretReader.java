package dev.flightdelay.operator.aws;

import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads AWS keys from a Secret: accessKeyId, secretAccessKey, and optionally sessionToken. */
public final class CredentialsSecretReader {

  public static final String ACCESS_KEY_ID = "accessKeyId";
  public static final String SECRET_ACCESS_KEY = "secretAccessKey";
  public static final String SESSION_TOKEN = "sessionToken";

  /** Why a Secret cannot be used; never its values. */
  public static final class UnusableSecret extends Exception {
    private static final long serialVersionUID = 1L;

    UnusableSecret(String message) {
      super(message);
    }
  }

  private final KubernetesClient client;

  public CredentialsSecretReader(KubernetesClient client) {
    this.client = client;
  }

  /** The keys, or empty for no reference (the SDK default chain). */
  public Optional<StaticCredentials> read(String namespace, LocalObjectRef ref) throws UnusableSecret {
    if (ref == null) {
      return Optional.empty();
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      throw new UnusableSecret("Secret " + namespace + "/" + ref.getName() + " does not exist");
    }
    String accessKeyId = value(secret, ACCESS_KEY_ID);
    String secretAccessKey = value(secret, SECRET_ACCESS_KEY);
    if (accessKeyId == null || secretAccessKey == null) {
      throw new UnusableSecret(
          "Secret " + ref.getName() + " needs the keys " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY);
    }
    return Optional.of(new StaticCredentials(accessKeyId, secretAccessKey, value(secret, SESSION_TOKEN)));
  }

  private static String value(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    if (data != null && data.get(key) != null && !data.get(key).isBlank()) {
      return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8).strip();
    }
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.get(key) != null && !stringData.get(key).isBlank()) {
      return stringData.get(key).strip();
    }
    return null;
  }
}
