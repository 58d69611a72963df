package dev.flightdelay.operator.analysis;

import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.operator.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** Making DelayAnalyses in tests and waiting for what the operator does with them. */
final class DelayAnalyses {

  private DelayAnalyses() {}

  static DelayAnalysis create(KubernetesClient client, String name, Consumer<DelayAnalysisSpec> spec) {
    DelayAnalysis analysis = new DelayAnalysis();
    analysis.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(OperatorHarness.NAMESPACE).build());
    DelayAnalysisSpec s = new DelayAnalysisSpec();
    spec.accept(s);
    analysis.setSpec(s);
    return client.resource(analysis).create();
  }

  /** An analysis of key in the DataBucket bucket. */
  static Consumer<DelayAnalysisSpec> ofBucket(String bucket, String key) {
    return s -> {
      s.setDataBucketRef(new LocalObjectRef(bucket));
      s.setKey(key);
    };
  }

  /** The driver's ServiceAccount, as examples/spark-rbac.yaml makes it. */
  static void createSparkServiceAccount(KubernetesClient client) {
    client.serviceAccounts().inNamespace(OperatorHarness.NAMESPACE).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("flight-delay-spark").endMetadata().build()).create();
  }

  static DelayAnalysis get(KubernetesClient client, String name) {
    return client.resources(DelayAnalysis.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
  }

  /** A spec change as the API server makes it: the generation moves on. */
  static void edit(KubernetesClient client, String name, Consumer<DelayAnalysisSpec> change) {
    OperatorHarness.retryOnConflict(() ->
        client.resources(DelayAnalysis.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).edit(a -> {
          change.accept(a.getSpec());
          a.getMetadata().setGeneration(a.getMetadata().getGeneration() + 1);
          return a;
        }));
  }

  static DelayAnalysis awaitPhase(KubernetesClient client, String name, DelayAnalysisStatus.Phase phase) {
    return awaitStatus(client, name, a -> a.getStatus().getPhase() == phase, Duration.ofSeconds(60));
  }

  static DelayAnalysis awaitStatus(KubernetesClient client, String name, Predicate<DelayAnalysis> condition,
      Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
        DelayAnalysis analysis = get(client, name);
        return analysis != null && analysis.getStatus() != null && condition.test(analysis);
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("DelayAnalysis " + name + " did not reach the expected status; last seen:\n"
          + Serialization.asYaml(get(client, name)), e);
    }
    return get(client, name);
  }

  static List<String> eventReasons(KubernetesClient client, String name) {
    return client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && "DelayAnalysis".equals(e.getInvolvedObject().getKind()))
        .map(Event::getReason).toList();
  }
}
