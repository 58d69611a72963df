package dev.flightdelay.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator: a Kubernetes client from the usual places (in-cluster service account,
 * else KUBECONFIG or ~/.kube/config), every reconciler, and the health and metrics endpoints;
 * stops cleanly on SIGTERM.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    OperatorConfig config;
    try {
      config = OperatorConfig.from(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("flight-delay-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client = client(Config.autoConfigure(null));
    FlightDelayOperator operator = operator(config, client, registry);
    HealthServer health = new HealthServer(config.healthPort(), operator::isReady, registry);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      health.close();
      operator.close();
      client.close();
      stopped.countDown();
    }, "shutdown"));
    health.start();
    operator.start();
    LOG.info("started: watching {}, health on port {}",
        config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces(), health.port());
    stopped.await();
  }

  /**
   * The operator's Kubernetes client: the API server of kubernetes, with the operator's user
   * agent naming this replica (its pod's name, as in its Lease identity), so that an audit log
   * tells the leader's requests from a standby's.
   */
  public static KubernetesClient client(Config kubernetes) {
    String replica = System.getenv("HOSTNAME");
    String userAgent = replica == null ? FlightDelayOperator.USER_AGENT : FlightDelayOperator.USER_AGENT + " (" + replica + ")";
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(kubernetes).withUserAgent(userAgent).build()).build();
  }

  /**
   * The operator as this process runs it: every reconciler, the default AWS credential chain,
   * the system clock. The sandbox runs the same, with its own settings.
   */
  public static FlightDelayOperator operator(OperatorConfig config, KubernetesClient client, MeterRegistry registry) {
    return new FlightDelayOperator(config, client, registry, Clock.systemUTC(), FlightDelayOperator.NO_HOOKS);
  }
}
