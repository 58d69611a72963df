package dev.flightdelay.operator.bench;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.job.FlightDelayJob;
import dev.flightdelay.job.JvmOptions;
import dev.flightdelay.testing.KubernetesMockApi;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-process submitter against forking one spark-submit JVM per application, on one machine:
 * the packaged operator (its own JVM) against the Fabric8 mock API server; N DelayAnalyses
 * created at once; create→Submitted latency seen by a watch; operator heap after a full GC; then
 * a few {@code org.apache.spark.deploy.SparkSubmit} JVMs submitting the same driver to the same
 * API server, one after another.
 *
 * <p>mvn -B -pl operator -am -Poperator-benchmark verify -DskipTests -Dbench.counts="100 1000"
 */
public final class SubmissionBenchmark {

  private static final String NAMESPACE = "bench";
  private static final int FORKS = 3;

  private SubmissionBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> counts = Arrays.stream(args).map(Integer::parseInt).toList();
    Path target = Path.of("target").toAbsolutePath();
    Path work = Files.createTempDirectory(target, "bench-");
    String classpath = target.resolve("flight-delay-operator.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      KubernetesClient client = api.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
      client.serviceAccounts().inNamespace(NAMESPACE).resource(
          new ServiceAccountBuilder().withNewMetadata().withName("flight-delay-spark").endMetadata().build()).create();
      Path kubeconfig = work.resolve("kubeconfig");
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s"}}]
          users: [{name: bench, user: {token: bench-token}}]
          contexts: [{name: mock, context: {cluster: mock, user: bench, namespace: %s}}]
          current-context: mock
          """.formatted(api.url(), NAMESPACE));

      int port = freePort();
      ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx1g", "-cp", classpath, "dev.flightdelay.operator.Main",
          "--health-port=" + port, "--server-side-apply=false", "--watch-namespaces=" + NAMESPACE)
          .redirectErrorStream(true).redirectOutput(work.resolve("operator.log").toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      Process operator = builder.start();
      List<String> rows = new ArrayList<>();
      try {
        awaitReady(port);
        System.out.printf("operator ready; heap after GC at rest: %.1f MiB%n", heapAfterGc(operator.pid()));
        for (int n : counts) {
          rows.add(run(client, n, operator.pid()));
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        metrics.lines().filter(l -> l.startsWith("flightdelay_analysis_submit_seconds")
            || l.startsWith("operator_sdk_reconciliations_executions") && l.contains("delayanalysis"))
            .forEach(l -> System.out.println("operator metric " + l));
      } finally {
        operator.destroy();
        operator.waitFor(30, TimeUnit.SECONDS);
      }
      double[] fork;
      try (ApplyPatchProxy proxy = new ApplyPatchProxy(api.url())) {
        fork = forkSubmissions(proxy.url(), classpath, work);
      }
      List<Double> ceilings = new ArrayList<>();
      for (int n : counts) {
        ceilings.add(apiServerCeiling(n));
      }
      System.out.println();
      System.out.println("| N | submissions/s | create→Submitted p50 | p99 | operator heap after GC | vs one spark-submit JVM each"
          + " | API-server ceiling/s (operator's share) |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (int i = 0; i < rows.size(); i++) {
        double perSecond = Double.parseDouble(rows.get(i).split("\\|")[2].strip());
        System.out.println(rows.get(i).replace("@FORK@", String.format("%.0fx", perSecond * fork[0]))
            .replace("@CEILING@", String.format("%.1f (%.0f%%)", ceilings.get(i), 100 * perSecond / ceilings.get(i))));
      }
      System.out.printf("%nspark-submit fork (%d, one after another): %.2f s each (%.2f submissions/s), peak RSS %.0f MiB%n",
          FORKS, fork[0], 1 / fork[0], fork[1]);
      for (String row : rows) {
        double perSecond = Double.parseDouble(row.split("\\|")[2].strip());
        System.out.printf("N=%s: in-process %.1f submissions/s = %.0fx the forked submitter%n", row.split("\\|")[1].strip(),
            perSecond, perSecond * fork[0]);
      }
    }
  }

  private static String run(KubernetesClient client, int n, long operatorPid) throws Exception {
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> submitted = new ConcurrentHashMap<>();
    String prefix = "bench-" + n + "-";
    SharedIndexInformer<DelayAnalysis> informer = client.resources(DelayAnalysis.class).inNamespace(NAMESPACE)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(DelayAnalysis analysis) {
            seen(analysis);
          }

          @Override
          public void onUpdate(DelayAnalysis old, DelayAnalysis analysis) {
            seen(analysis);
          }

          @Override
          public void onDelete(DelayAnalysis analysis, boolean unknown) {
          }

          private void seen(DelayAnalysis analysis) {
            String name = analysis.getMetadata().getName();
            if (name.startsWith(prefix) && analysis.getStatus() != null && analysis.getStatus().getPhase() != null
                && analysis.getStatus().getPhase().compareTo(Phase.Submitted) >= 0) {
              submitted.putIfAbsent(name, System.nanoTime());
            }
          }
        });
    ExecutorService creators = Executors.newFixedThreadPool(4);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String name = prefix + i;
      creators.submit(() -> {
        DelayAnalysis analysis = new DelayAnalysis();
        analysis.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        DelayAnalysisSpec spec = new DelayAnalysisSpec();
        spec.setInputUri("s3a://bench-bucket/flights/" + name + ".csv.gz");
        analysis.setSpec(spec);
        created.put(name, System.nanoTime());
        client.resource(analysis).create();
      });
    }
    creators.shutdown();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (submitted.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    informer.close();
    if (submitted.size() < n) {
      throw new IllegalStateException("only " + submitted.size() + " of " + n + " submitted in 10 minutes");
    }
    long end = submitted.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    double seconds = (end - start) / 1e9;
    long[] latencies = submitted.entrySet().stream().mapToLong(e -> e.getValue() - created.get(e.getKey())).sorted().toArray();
    long pods = client.pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(prefix)).count();
    if (pods != n) {
      throw new IllegalStateException(pods + " driver pods for " + n + " analyses");
    }
    double heap = heapAfterGc(operatorPid);
    System.out.printf("N=%d: %d driver pods in %.2f s%n", n, pods, seconds);
    return String.format("| %d | %.1f | %.0f ms | %.0f ms | %.1f MiB | @FORK@ | @CEILING@ |", n, n / seconds,
        percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, heap);
  }

  /**
   * What the mock API server alone can take: the requests one submission makes (the user's create,
   * the status with the attempt's names, driver pod, ConfigMap, Service, event, the final status),
   * from as many threads as the operator reconciles with, on a fresh server.
   */
  private static double apiServerCeiling(int n) throws Exception {
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      KubernetesClient client = api.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
      ExecutorService threads = Executors.newFixedThreadPool(10);
      long start = System.nanoTime();
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = "ceiling-" + i;
        done.add(threads.submit(() -> {
          DelayAnalysis analysis = new DelayAnalysis();
          analysis.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
          analysis.setSpec(new DelayAnalysisSpec());
          analysis = client.resource(analysis).create();
          analysis.setStatus(new dev.flightdelay.api.v1alpha1.DelayAnalysisStatus());
          analysis.getStatus().setPhase(Phase.Pending);
          client.resource(analysis).updateStatus();
          client.pods().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
              .withNewMetadata().withName(name + "-driver").endMetadata()
              .withNewSpec().addNewContainer().withName("spark-kubernetes-driver").withImage("img").endContainer().endSpec()
              .build()).create();
          client.configMaps().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
              .withNewMetadata().withName(name + "-conf").endMetadata().addToData("spark.properties", "a=b").build()).create();
          client.services().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
              .withNewMetadata().withName(name + "-svc").endMetadata().build()).create();
          client.v1().events().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
              .withNewMetadata().withName(name + ".submitted").endMetadata().withReason("Submitted").build()).create();
          analysis.getStatus().setPhase(Phase.Submitted);
          client.resource(analysis).updateStatus();
          return null;
        }));
      }
      for (var future : done) {
        future.get();
      }
      threads.shutdown();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("API-server ceiling at N=%d: %.2f s%n", n, seconds);
      return n / seconds;
    }
  }

  /** Seconds per forked submission (mean) and the largest resident set seen. */
  private static double[] forkSubmissions(String apiUrl, String classpath, Path work) throws Exception {
    double total = 0;
    double peakRss = 0;
    for (int i = 0; i < FORKS; i++) {
      List<String> command = new ArrayList<>(List.of(java()));
      command.addAll(JvmOptions.sparkOptions());
      command.addAll(List.of("-cp", classpath, "org.apache.spark.deploy.SparkSubmit",
          "--master", "k8s://" + apiUrl, "--deploy-mode", "cluster", "--name", "fork-" + i,
          "--class", FlightDelayJob.class.getName(),
          "--conf", "spark.kubernetes.namespace=" + NAMESPACE,
          "--conf", "spark.kubernetes.container.image=flight-delay-job:bench",
          "--conf", "spark.kubernetes.authenticate.driver.serviceAccountName=flight-delay-spark",
          "--conf", "spark.kubernetes.submission.waitAppCompletion=false",
          "--conf", "spark.kubernetes.driver.label.flightdelay.dev/delay-analysis=fork-" + i,
          "local:///opt/spark/jars/flight-delay-job.jar",
          "--input", "s3a://bench-bucket/flights/fork-" + i + ".csv.gz", "--summary-file", "/dev/termination-log"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(work.resolve("spark-submit-" + i + ".log").toFile());
      long start = System.nanoTime();
      Process process = builder.start();
      while (process.isAlive()) {
        peakRss = Math.max(peakRss, rssMiB(process.pid()));
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (process.exitValue() != 0) {
        throw new IllegalStateException("spark-submit failed; see " + work.resolve("spark-submit-" + i + ".log"));
      }
      System.out.printf("spark-submit %d: %.2f s%n", i, seconds);
      total += seconds;
    }
    return new double[] {total / FORKS, peakRss};
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** Used heap of a JVM right after a full GC it was asked for (jcmd), in MiB. */
  private static double heapAfterGc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
    if (!used.find()) {
      throw new IllegalStateException("no heap figure in: " + info);
    }
    return Long.parseLong(used.group(1)) / 1024.0;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(pid), command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return out;
  }

  private static double rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended between two looks.
    }
    return 0;
  }

  private static void awaitReady(int port) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("operator not ready in 60 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
