package dev.flightdelay.operator.bench;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.job.FlightDelayJob;
import dev.flightdelay.job.JvmOptions;
import dev.flightdelay.testing.KubernetesMockApi;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-process submitter against forking one spark-submit JVM per application, on one machine:
 * the packaged operator (its own JVM) against the Fabric8 mock API server; after a warm-up, N
 * DelayAnalyses created at once, then 200 at a steady 10 a second; create→Submitted latency seen
 * by a watch; the operator's CPU time and its heap after a full GC; then a few {@code org.apache.spark.deploy.SparkSubmit} JVMs submitting the same driver to the same
 * API server, one after another.
 *
 * <p>mvn -B -pl operator -am -Poperator-benchmark verify -DskipTests -Dbench.counts="100 1000"
 */
public final class SubmissionBenchmark {

  private static final String NAMESPACE = "bench";
  private static final int FORKS = 3;
  private static final int WARM_UP = 50;
  private static final int PACED = 200;
  private static final int PACED_PER_SECOND = 10;

  private SubmissionBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> counts = Arrays.stream(args).map(Integer::parseInt).toList();
    // The mock logs every request it serves: that is not an API server's work, so not measured.
    Logger.getLogger("").setLevel(Level.WARNING);
    Path target = Path.of("target").toAbsolutePath();
    Path work = Files.createTempDirectory(target, "bench-");
    String classpath = target.resolve("flight-delay-operator.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      KubernetesClient client = api.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
      client.serviceAccounts().inNamespace(NAMESPACE).resource(
          new ServiceAccountBuilder().withNewMetadata().withName("flight-delay-spark").endMetadata().build()).create();
      Path kubeconfig = api.writeKubeconfig(work.resolve("kubeconfig"), NAMESPACE);

      int port = freePort();
      ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx1g", "-cp", classpath, "dev.flightdelay.operator.Main",
          "--health-port=" + port, "--server-side-apply=false", "--watch-namespaces=" + NAMESPACE)
          .redirectErrorStream(true).redirectOutput(work.resolve("operator.log").toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      Process operator = builder.start();
      List<Run> bursts = new ArrayList<>();
      Run paced;
      try {
        awaitReady(port);
        System.out.printf("operator ready; heap after GC at rest: %.1f MiB%n", heapAfterGc(operator.pid()));
        System.out.println("warm-up (not counted): " + run(client, "warmup", WARM_UP, 0, operator.pid()));
        for (int n : counts) {
          bursts.add(run(client, "burst", n, 0, operator.pid()));
        }
        paced = run(client, "paced", PACED, PACED_PER_SECOND, operator.pid());
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
      System.out.println("| load | submissions/s | create→Submitted p50 | p99 | operator CPU per submission"
          + " | operator heap after GC | vs one spark-submit JVM each | API-server ceiling/s (operator's share) |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (int i = 0; i < bursts.size(); i++) {
        Run run = bursts.get(i);
        System.out.println(run.row(String.format("%.0fx", run.perSecond() * fork[0]),
            String.format("%.1f (%.0f%%)", ceilings.get(i), 100 * run.perSecond() / ceilings.get(i))));
      }
      System.out.println(paced.row("-", "-"));
      System.out.printf("%nspark-submit fork (%d, one after another): %.2f s each (%.2f submissions/s), peak RSS %.0f MiB%n",
          FORKS, fork[0], 1 / fork[0], fork[1]);
      for (Run run : bursts) {
        System.out.printf("%s: in-process %.1f submissions/s = %.0fx the forked submitter%n", run.load(),
            run.perSecond(), run.perSecond() * fork[0]);
      }
    }
  }

  /** One measured load: how fast, how long each waited, what it cost the operator. */
  private record Run(String load, double perSecond, double p50Millis, double p99Millis, double cpuMillisEach,
      double heapMiB) {
    String row(String fork, String ceiling) {
      return String.format("| %s | %.1f | %.0f ms | %.0f ms | %.1f ms | %.1f MiB | %s | %s |", load, perSecond,
          p50Millis, p99Millis, cpuMillisEach, heapMiB, fork, ceiling);
    }
  }

  /** N DelayAnalyses created at once ({@code perSecond} 0), or at a steady rate. */
  private static Run run(KubernetesClient client, String kind, int n, int perSecond, long operatorPid) throws Exception {
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> submitted = new ConcurrentHashMap<>();
    String prefix = kind + "-" + n + "-";
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
    double cpuBefore = cpuSeconds(operatorPid);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (perSecond > 0) {
        long due = start + TimeUnit.SECONDS.toNanos(i) / perSecond;
        TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
      }
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
    double cpu = cpuSeconds(operatorPid) - cpuBefore;
    double seconds = (end - start) / 1e9;
    long[] latencies = submitted.entrySet().stream().mapToLong(e -> e.getValue() - created.get(e.getKey())).sorted().toArray();
    long pods = client.pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(prefix)).count();
    if (pods != n) {
      throw new IllegalStateException(pods + " driver pods for " + n + " analyses");
    }
    double heap = heapAfterGc(operatorPid);
    String load = perSecond > 0 ? n + " at " + perSecond + "/s" : n + " at once";
    System.out.printf("%s: %d driver pods in %.2f s, operator CPU %.2f s%n", load, pods, seconds, cpu);
    return new Run(load, n / seconds, percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6,
        cpu * 1000 / n, heap);
  }

  /** User plus system CPU time a process has used, from /proc (clock ticks of 1/100 s). */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /**
   * What the mock API server alone can take: the requests one submission makes (the user's create,
   * the finalizer, the status with the attempt's names, driver pod, ConfigMap, Service, event, the
   * final status), from as many threads as the operator reconciles with, on a fresh server that
   * also feeds the watches the operator and this benchmark hold.
   */
  private static double apiServerCeiling(int n) throws Exception {
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      KubernetesClient client = api.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
      List<SharedIndexInformer<?>> watches = List.of(
          client.resources(DelayAnalysis.class).inNamespace(NAMESPACE).inform(),
          client.resources(DelayAnalysis.class).inNamespace(NAMESPACE).inform(),
          client.pods().inNamespace(NAMESPACE).inform(),
          client.resources(DataBucket.class).inNamespace(NAMESPACE).inform());
      ExecutorService threads = Executors.newFixedThreadPool(10);
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = "ceiling-" + i;
        done.add(threads.submit(() -> {
          DelayAnalysis analysis = new DelayAnalysis();
          analysis.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
          analysis.setSpec(new DelayAnalysisSpec());
          analysis = client.resource(analysis).create();
          analysis.getMetadata().setFinalizers(List.of("flightdelay.dev/finalizer"));
          analysis = client.resource(analysis).update();
          analysis.setStatus(new DelayAnalysisStatus());
          analysis.getStatus().setPhase(Phase.Pending);
          analysis = client.resource(analysis).updateStatus();
          client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
              .withNewMetadata().withName(name + "-driver").endMetadata()
              .withNewSpec().addNewContainer().withName("spark-kubernetes-driver").withImage("img").endContainer().endSpec()
              .build()).create();
          client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
              .withNewMetadata().withName(name + "-conf").endMetadata().addToData("spark.properties", "a=b").build()).create();
          client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
              .withNewMetadata().withName(name + "-svc").endMetadata().build()).create();
          client.v1().events().inNamespace(NAMESPACE).resource(new EventBuilder()
              .withNewMetadata().withName(name + ".submitted").endMetadata().withReason("Submitted").build()).create();
          analysis.getStatus().setPhase(Phase.Submitted);
          client.resource(analysis).updateStatus();
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      threads.shutdown();
      watches.forEach(SharedIndexInformer::close);
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
