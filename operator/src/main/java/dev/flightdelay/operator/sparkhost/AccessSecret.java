package dev.flightdelay.operator.sparkhost;

import dev.flightdelay.api.v1alpha1.SparkHost;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret of a SparkHost: the generated SSH private key (ssh-privatekey, with ssh-publickey)
 * and the Jupyter token (jupyter-token). Owned by the SparkHost so it goes with it; its values
 * appear nowhere else: not in status, events or logs.
 */
final class AccessSecret {

  static final String PRIVATE_KEY = "ssh-privatekey";
  static final String PUBLIC_KEY = "ssh-publickey";
  static final String JUPYTER_TOKEN = "jupyter-token";

  /** What the host needs from the Secret. The private key never leaves it. */
  record Contents(String publicKey, String jupyterToken) {
    @Override
    public String toString() {
      return "Contents[publicKey=" + publicKey + ", jupyterToken=***]";
    }
  }

  private final KubernetesClient client;
  private final SshKeys keys;

  AccessSecret(KubernetesClient client, SshKeys keys) {
    this.client = client;
    this.keys = keys;
  }

  /**
   * The Secret's contents, made or completed first: a key only when generateKey, a token always.
   * Empty when a Secret of that name exists that this SparkHost does not own: it is left alone.
   */
  Optional<Contents> ensure(SparkHost host, String name, boolean generateKey) {
    String namespace = host.getMetadata().getNamespace();
    Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
    if (existing != null && !ownedBy(existing, host)) {
      return Optional.empty();
    }
    Map<String, String> data = new HashMap<>(existing == null || existing.getData() == null ? Map.of() : existing.getData());
    boolean changed = false;
    if (generateKey && (data.get(PRIVATE_KEY) == null || data.get(PUBLIC_KEY) == null)) {
      SshKeys.Generated generated = keys.generate(host.getMetadata().getNamespace() + "/" + host.getMetadata().getName());
      data.put(PRIVATE_KEY, encode(generated.privateKeyPem()));
      data.put(PUBLIC_KEY, encode(generated.publicKeyOpenSsh()));
      changed = true;
    }
    if (data.get(JUPYTER_TOKEN) == null) {
      data.put(JUPYTER_TOKEN, encode(keys.token()));
      changed = true;
    }
    if (existing == null) {
      client.secrets().inNamespace(namespace).resource(new SecretBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace)
          .addToLabels("app.kubernetes.io/managed-by", HostNames.MANAGED_BY)
          .addToLabels("flightdelay.dev/sparkhost", host.getMetadata().getName())
          .withOwnerReferences(ownerReference(host)).endMetadata()
          .withType("Opaque").withData(data).build()).create();
    } else if (changed) {
      client.secrets().inNamespace(namespace).resource(new SecretBuilder(existing).withData(data).build()).update();
    }
    return Optional.of(new Contents(decode(data.get(PUBLIC_KEY)), decode(data.get(JUPYTER_TOKEN))));
  }

  /** With deletionPolicy Retain: the Secret outlives the SparkHost, as the instance it opens does. */
  void release(SparkHost host, String name) {
    Secret existing = client.secrets().inNamespace(host.getMetadata().getNamespace()).withName(name).get();
    if (existing == null || !ownedBy(existing, host)) {
      return;
    }
    List<OwnerReference> others = existing.getMetadata().getOwnerReferences().stream()
        .filter(o -> !host.getMetadata().getUid().equals(o.getUid())).toList();
    client.secrets().inNamespace(host.getMetadata().getNamespace()).resource(
        new SecretBuilder(existing).editMetadata().withOwnerReferences(others).endMetadata().build()).update();
  }

  /**
   * With deletionPolicy Delete, once the key pair is gone. The garbage collector would delete
   * it too, later; the operator does not leave a key to a deleted machine lying around.
   */
  void delete(SparkHost host, String name) {
    Secret existing = client.secrets().inNamespace(host.getMetadata().getNamespace()).withName(name).get();
    if (existing != null && ownedBy(existing, host)) {
      client.secrets().inNamespace(host.getMetadata().getNamespace()).withName(name).delete();
    }
  }

  private static boolean ownedBy(Secret secret, SparkHost host) {
    return secret.getMetadata().getOwnerReferences() != null && secret.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> host.getMetadata().getUid().equals(o.getUid()));
  }

  private static OwnerReference ownerReference(SparkHost host) {
    return new OwnerReferenceBuilder().withApiVersion(host.getApiVersion()).withKind(host.getKind())
        .withName(host.getMetadata().getName()).withUid(host.getMetadata().getUid())
        .withController(true).build();
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String value) {
    return value == null ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }
}
