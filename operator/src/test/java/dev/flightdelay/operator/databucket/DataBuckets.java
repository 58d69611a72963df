package dev.flightdelay.operator.databucket;

import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.ConfigMapKeyRef;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.operator.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Making DataBuckets in tests and waiting for what the operator does with them. */
public final class DataBuckets {

  private DataBuckets() {}

  public static DataBucket create(KubernetesClient client, String name, Consumer<DataBucketSpec> spec) {
    DataBucket bucket = new DataBucket();
    bucket.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(OperatorHarness.NAMESPACE).build());
    DataBucketSpec s = new DataBucketSpec();
    s.setCredentialsSecretRef(new LocalObjectRef(OperatorHarness.CREDENTIALS_SECRET));
    spec.accept(s);
    bucket.setSpec(s);
    return client.resource(bucket).create();
  }

  /** A seed object loaded from key configMapKey of ConfigMap configMap. */
  public static SeedObject configMapSeed(String key, String configMap, String configMapKey) {
    SeedObject seed = new SeedObject();
    seed.setKey(key);
    ConfigMapKeyRef ref = new ConfigMapKeyRef();
    ref.setName(configMap);
    ref.setKey(configMapKey);
    seed.setConfigMapRef(ref);
    return seed;
  }

  /** Creates a ConfigMap holding content under key, and a seed object loading it as key. */
  static SeedObject configMapSeed(KubernetesClient client, String configMap, String key, String content) {
    client.configMaps().inNamespace(OperatorHarness.NAMESPACE).resource(
        new ConfigMapBuilder().withNewMetadata().withName(configMap).endMetadata().addToData(key, content).build()).create();
    return configMapSeed(key, configMap, key);
  }

  static SeedObject urlSeed(String key, String url) {
    SeedObject seed = new SeedObject();
    seed.setKey(key);
    seed.setUrl(url);
    return seed;
  }

  static SeedObject s3Seed(String key, String s3Uri) {
    SeedObject seed = new SeedObject();
    seed.setKey(key);
    seed.setS3Uri(s3Uri);
    return seed;
  }

  static DataBucket get(KubernetesClient client, String name) {
    return client.resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
  }

  static void edit(KubernetesClient client, String name, Consumer<DataBucketSpec> change) {
    OperatorHarness.retryOnConflict(() ->
        client.resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).edit(b -> {
          change.accept(b.getSpec());
          b.getMetadata().setGeneration(b.getMetadata().getGeneration() == null ? 2 : b.getMetadata().getGeneration() + 1);
          return b;
        }));
  }

  static Optional<Condition> ready(DataBucket bucket) {
    return bucket == null || bucket.getStatus() == null ? Optional.empty() : bucket.getStatus().condition("Ready");
  }

  static DataBucket awaitStatus(KubernetesClient client, String name, Predicate<DataBucket> condition) {
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            DataBucket bucket = get(client, name);
            return bucket != null && bucket.getStatus() != null && condition.test(bucket);
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("DataBucket " + name + " did not reach the expected status; last seen:\n"
          + Serialization.asYaml(get(client, name)), e);
    }
    return get(client, name);
  }

  public static DataBucket awaitReady(KubernetesClient client, String name) {
    return awaitStatus(client, name, b -> ready(b).map(c -> "True".equals(c.getStatus())).orElse(false));
  }

  static DataBucket awaitReason(KubernetesClient client, String name, String reason) {
    return awaitStatus(client, name, b -> ready(b).map(c -> reason.equals(c.getReason())).orElse(false));
  }
}
