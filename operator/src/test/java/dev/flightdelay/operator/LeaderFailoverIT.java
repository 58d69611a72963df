package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.AttemptRecord;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketStatus;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import dev.flightdelay.api.v1alpha1.RestartPolicy;
import dev.flightdelay.operator.analysis.DriverLabels;
import dev.flightdelay.operator.analysis.Kubelet;
import dev.flightdelay.operator.databucket.DataBuckets;
import dev.flightdelay.testing.KubernetesMockApi;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * Two packaged operator processes with leader election, as a Deployment of two replicas: the
 * leader is SIGKILLed in the middle of a burst, the standby takes over once the Lease expires, and
 * every resource still ends once: no lost run, no second driver pod or bucket, no attempt counted
 * twice, no write by the replica without the Lease.
 */
@ExtendWith(MotoExtension.class)
class LeaderFailoverIT {

  /** Issue 14 asks for 200 DelayAnalyses and 20 DataBuckets: scaled down so that two JVMs fit 2 cores in ~90 s. */
  private static final int ANALYSES = 40;
  private static final int BUCKETS = 6;
  private static final int SEEDS_PER_BUCKET = 2;
  private static final int ATTEMPTS = 2;
  private static final OperatorConfig.LeaseTiming LEASE = OperatorHarness.LEASE_TIMING;
  private static final String NAMESPACE = OperatorHarness.NAMESPACE;
  private static final Pattern ATTEMPT = Pattern.compile("-(\\d+)-driver$");
  private static final String RULES_REVIEW = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
  /** What a driver that ranked the carriers leaves in its termination log. */
  private static final String SUMMARY =
      "{\"input\":\"file:/data/flights.csv\",\"rowsRead\":3,\"rowsRejected\":0,\"flights\":3,\"carriers\":[]}";

  @Test
  void theStandbyTakesOverFromAKilledLeaderAndEveryResourceEndsExactlyOnce(MotoServer moto, @TempDir Path dir)
      throws Exception {
    String prefix = "ha-" + UUID.randomUUID().toString().substring(0, 8);
    ScheduledExecutorService kubeletLoop = Executors.newSingleThreadScheduledExecutor();
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      KubernetesClient client = api.client();
      OperatorHarness.createNamespaceAndSecret(client);
      client.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder()
          .withNewMetadata().withName("flight-delay-spark").endMetadata().build()).create();
      client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName("seed")
          .endMetadata().addToData("flights.csv", "carrier,delay\nAA,5\nBB,7\n").build()).create();
      Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"), NAMESPACE);

      try (PackagedOperator first = replica("replica-a", kubeconfig, dir, moto)) {
        await().atMost(Duration.ofSeconds(90)).until(() -> holder(client).startsWith("replica-a_"));
        try (PackagedOperator second = replica("replica-b", kubeconfig, dir, moto)) {
          second.awaitLive(Duration.ofSeconds(60));
          Map<String, Set<String>> podUids = new ConcurrentHashMap<>();
          Kubelet kubelet = new Kubelet(client);
          kubeletLoop.scheduleWithFixedDelay(() -> playKubelet(kubelet, podUids), 0, 200, TimeUnit.MILLISECONDS);

          createBurst(client, prefix);
          // Mid-burst: half the runs submitted (the DataBuckets are made among them).
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
              .until(() -> podUids.size() >= ANALYSES / 2);
          long killed = System.nanoTime();
          first.kill();
          Map<String, List<String>> untilKill = api.takeRequestsByUserAgent();
          String atKill = progress(client, podUids);
          // The second half of the DataBuckets arrives while no replica leads.
          IntStream.range(BUCKETS / 2, BUCKETS).forEach(i -> createBucket(client, i, prefix));
          await().atMost(LEASE.duration().plusSeconds(30)).pollInterval(Duration.ofMillis(50))
              .until(() -> holder(client).startsWith("replica-b_"));
          Duration failover = Duration.ofNanos(System.nanoTime() - killed);
          Map<String, List<String>> untilTakeover = api.takeRequestsByUserAgent();
          System.out.printf("failover: replica-b held the Lease %d ms after replica-a was SIGKILLed "
              + "(lease duration %d s, renew deadline %d s, retry period %d s); at the kill: %s%n",
              failover.toMillis(), LEASE.duration().toSeconds(), LEASE.renewDeadline().toSeconds(),
              LEASE.retryPeriod().toSeconds(), atKill);

          assertThat(writes(untilKill, "replica-a")).as("the leader's writes").isNotEmpty();
          assertThat(writes(untilKill, "replica-b")).as("writes of the standby while the leader lived").isEmpty();
          assertThat(writes(untilTakeover, "replica-b")).as("writes of the standby until it held the Lease")
              .isNotEmpty().allMatch(r -> r.endsWith("/namespaces/" + NAMESPACE + "/leases/" + OperatorHarness.LEASE));
          // The kill leaves the Lease held: the standby waits out its duration from the last renewal,
          // and sees it expired at its next retry.
          assertThat(failover).isLessThan(LEASE.duration().plus(LEASE.retryPeriod().multipliedBy(3)));

          await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> allEnded(client));
          Map<String, List<String>> afterTakeover = api.takeRequestsByUserAgent();
          assertThat(requestsOf(afterTakeover, "replica-a")).as("requests of the killed leader after the takeover").isEmpty();
          assertThat(writes(afterTakeover, "replica-b")).as("the new leader's writes").isNotEmpty();

          assertEveryAnalysisRanOnceAnAttempt(client, podUids);
          assertEveryBucketMadeOnce(client, moto, prefix);
        }
      }
    } finally {
      kubeletLoop.shutdownNow();
    }
  }

  private static PackagedOperator replica(String name, Path kubeconfig, Path dir, MotoServer moto) {
    return PackagedOperator.start(kubeconfig, dir.resolve(name + ".log"),
        Map.of("HOSTNAME", name, "AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_ACCESS_KEY),
        "--leader-election=true", "--lease-namespace=" + NAMESPACE,
        "--lease-duration-seconds=" + LEASE.duration().toSeconds(),
        "--lease-renew-deadline-seconds=" + LEASE.renewDeadline().toSeconds(),
        "--lease-retry-period-seconds=" + LEASE.retryPeriod().toSeconds(),
        "--server-side-apply=false", "--file-roots=/data", "--default-region=" + MotoServer.REGION,
        "--s3-endpoint=" + moto.endpoint());
  }

  /** The runs, with the first half of the DataBuckets made among them, as a busy namespace's users would. */
  private static void createBurst(KubernetesClient client, String prefix) {
    int runsPerBucket = ANALYSES / (BUCKETS / 2);
    for (int i = 0; i < ANALYSES; i++) {
      createAnalysis(client, "run-" + i);
      if ((i + 1) % runsPerBucket == 0 && (i + 1) / runsPerBucket <= BUCKETS / 2) {
        createBucket(client, (i + 1) / runsPerBucket - 1, prefix);
      }
    }
  }

  private static void createAnalysis(KubernetesClient client, String name) {
    DelayAnalysis analysis = new DelayAnalysis();
    analysis.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    DelayAnalysisSpec spec = new DelayAnalysisSpec();
    spec.setInputUri("file:/data/flights.csv");
    spec.setRunner(DelayAnalysisSpec.Runner.kubernetes);
    RestartPolicy retry = new RestartPolicy();
    retry.setType(RestartPolicy.Type.OnFailure);
    retry.setMaxAttempts(ATTEMPTS);
    retry.setBackoffSeconds(1);
    spec.setRestartPolicy(retry);
    analysis.setSpec(spec);
    client.resource(analysis).create();
  }

  private static void createBucket(KubernetesClient client, int index, String prefix) {
    DataBuckets.create(client, "bucket-" + index, spec -> {
      spec.setBucketName(prefix + "-" + index);
      IntStream.range(0, SEEDS_PER_BUCKET).forEach(s ->
          spec.getSeed().add(DataBuckets.configMapSeed("seed-" + s + ".csv", "seed", "flights.csv")));
    });
  }

  /** Every new driver pod ends: the first attempt of each run fails, the second succeeds. */
  private static void playKubelet(Kubelet kubelet, Map<String, Set<String>> podUids) {
    try {
      for (Pod pod : kubelet.driverPods()) {
        String name = pod.getMetadata().getName();
        podUids.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(pod.getMetadata().getUid());
        if ("Pending".equals(pod.getStatus().getPhase())) {
          boolean firstAttempt = attempt(name) == 1;
          kubelet.terminate(name, firstAttempt ? 1 : 0, firstAttempt ? "failed on purpose" : SUMMARY);
        }
      }
    } catch (RuntimeException e) {
      // a conflict with the operator's own write: the next round sees the pod again
    }
  }

  private static int attempt(String driverPod) {
    Matcher matcher = ATTEMPT.matcher(driverPod);
    if (!matcher.find()) {
      throw new AssertionError("not a driver pod name: " + driverPod);
    }
    return Integer.parseInt(matcher.group(1));
  }

  private static boolean allEnded(KubernetesClient client) {
    List<DelayAnalysis> analyses = client.resources(DelayAnalysis.class).inNamespace(NAMESPACE).list().getItems();
    List<DataBucket> buckets = client.resources(DataBucket.class).inNamespace(NAMESPACE).list().getItems();
    return analyses.stream().allMatch(a -> a.getStatus() != null
            && a.getStatus().getPhase() == DelayAnalysisStatus.Phase.Succeeded)
        && buckets.stream().allMatch(b -> b.getStatus() != null && b.getStatus().getPhase() == DataBucketStatus.Phase.Ready);
  }

  private static String progress(KubernetesClient client, Map<String, Set<String>> podUids) {
    long succeeded = client.resources(DelayAnalysis.class).inNamespace(NAMESPACE).list().getItems().stream()
        .filter(a -> a.getStatus() != null && a.getStatus().getPhase() == DelayAnalysisStatus.Phase.Succeeded).count();
    return "%d driver pods, %d of %d DelayAnalyses Succeeded, %d of %d DataBuckets Ready"
        .formatted(podUids.size(), succeeded, ANALYSES, readyBuckets(client), BUCKETS);
  }

  private static long readyBuckets(KubernetesClient client) {
    return client.resources(DataBucket.class).inNamespace(NAMESPACE).list().getItems().stream()
        .filter(b -> b.getStatus() != null && b.getStatus().getPhase() == DataBucketStatus.Phase.Ready).count();
  }

  private static void assertEveryAnalysisRanOnceAnAttempt(KubernetesClient client, Map<String, Set<String>> podUids) {
    assertThat(podUids).allSatisfy((pod, uids) -> assertThat(uids).as("pods ever named " + pod).hasSize(1));
    Map<String, List<Integer>> attemptsByRun = client.pods().inNamespace(NAMESPACE)
        .withLabel(DriverLabels.MANAGED_BY, DriverLabels.OPERATOR).list().getItems().stream()
        .collect(Collectors.groupingBy(p -> p.getMetadata().getLabels().get(DriverLabels.ANALYSIS),
            Collectors.mapping(p -> attempt(p.getMetadata().getName()), Collectors.toList())));
    List<DelayAnalysis> analyses = client.resources(DelayAnalysis.class).inNamespace(NAMESPACE).list().getItems();
    assertThat(analyses).hasSize(ANALYSES).allSatisfy(analysis -> {
      String name = analysis.getMetadata().getName();
      assertThat(attemptsByRun.get(name)).as("attempts of the driver pods of " + name)
          .containsExactlyInAnyOrder(1, 2);
      assertThat(analysis.getStatus().getAttempts()).as("attempts of " + name).isEqualTo(ATTEMPTS);
      assertThat(analysis.getStatus().getHistory()).extracting(AttemptRecord::getAttempt).as("history of " + name)
          .containsExactly(1, 2);
    });
  }

  private static void assertEveryBucketMadeOnce(KubernetesClient client, MotoServer moto, String prefix) {
    List<String> made = moto.s3().listBuckets().buckets().stream().map(Bucket::name)
        .filter(b -> b.startsWith(prefix)).toList();
    List<String> recorded = client.resources(DataBucket.class).inNamespace(NAMESPACE).list().getItems().stream()
        .map(b -> b.getStatus().getBucketName()).toList();
    assertThat(made).hasSize(BUCKETS).containsExactlyInAnyOrderElementsOf(recorded);
    made.forEach(bucket -> assertThat(moto.s3().listObjectsV2(r -> r.bucket(bucket)).contents())
        .as("objects of " + bucket).hasSize(SEEDS_PER_BUCKET));
  }

  private static String holder(KubernetesClient client) {
    Lease lease = client.leases().inNamespace(NAMESPACE).withName(OperatorHarness.LEASE).get();
    return lease == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
  }

  private static List<String> requestsOf(Map<String, List<String>> byUserAgent, String replica) {
    return byUserAgent.getOrDefault(FlightDelayOperator.USER_AGENT + " (" + replica + ")", List.of());
  }

  /** What a replica changed: every request but reads and the access review JOSDK asks before it elects. */
  private static List<String> writes(Map<String, List<String>> byUserAgent, String replica) {
    List<String> writes = new ArrayList<>(requestsOf(byUserAgent, replica));
    writes.removeIf(r -> r.startsWith("GET ") || r.equals("POST " + RULES_REVIEW));
    return writes;
  }
}
