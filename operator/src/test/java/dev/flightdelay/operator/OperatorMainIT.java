package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.testing.KubernetesMockApi;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged operator as a process: Kubernetes client from KUBECONFIG, health endpoints,
 * reconcilers running, clean stop on SIGTERM.
 */
class OperatorMainIT {

  @Test
  void runsFromKubeconfigAnswersProbesAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"), "default");
      PackagedOperator process = PackagedOperator.start(kubeconfig, dir.resolve("operator.log"), Map.of(),
          "--server-side-apply=false", "--file-roots=/data");
      try {
        process.awaitReady(Duration.ofSeconds(60));

        DataBucket bucket = new DataBucket();
        bucket.setMetadata(new ObjectMetaBuilder().withName("no-secret").withNamespace("default").build());
        DataBucketSpec spec = new DataBucketSpec();
        spec.setBucketName("never-made");
        spec.setCredentialsSecretRef(new LocalObjectRef("missing"));
        bucket.setSpec(spec);
        api.client().resource(bucket).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          DataBucket seen = api.client().resources(DataBucket.class).inNamespace("default").withName("no-secret").get();
          return seen.getStatus() != null && seen.getStatus().condition("Ready").map(c -> "InvalidSpec".equals(c.getReason())).orElse(false);
        });

        // The packaged process builds drivers with Spark's submitter: no extra JVM flags needed.
        api.client().serviceAccounts().inNamespace("default").resource(new ServiceAccountBuilder()
            .withNewMetadata().withName("flight-delay-spark").endMetadata().build()).create();
        DelayAnalysis analysis = new DelayAnalysis();
        analysis.setMetadata(new ObjectMetaBuilder().withName("packaged").withNamespace("default").build());
        DelayAnalysisSpec analysisSpec = new DelayAnalysisSpec();
        analysisSpec.setInputUri("file:/data/flights.csv");
        analysis.setSpec(analysisSpec);
        api.client().resource(analysis).create();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          DelayAnalysis seen = api.client().resources(DelayAnalysis.class).inNamespace("default").withName("packaged").get();
          return seen.getStatus() != null && seen.getStatus().getPhase() == DelayAnalysisStatus.Phase.Submitted;
        });
        assertThat(api.client().pods().inNamespace("default").list().getItems()).singleElement()
            .satisfies(pod -> assertThat(pod.getMetadata().getName()).startsWith("packaged-").endsWith("-1-1-driver"));
        assertThat(process.stop(Duration.ofSeconds(20))).as("stopped within 20 s of SIGTERM").isTrue();
      } finally {
        process.close();
      }
      assertThat(process.exitValue()).isIn(0, 143);
      List<String> log = process.log();
      assertThat(log).anyMatch(l -> l.contains("started: watching all namespaces"))
          .anyMatch(l -> l.contains("DataBucket default/no-secret: phase null -> Failed"))
          .anyMatch(l -> l.contains("stopping"));
    }
  }
}
