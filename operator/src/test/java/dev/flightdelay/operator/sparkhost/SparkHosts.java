package dev.flightdelay.operator.sparkhost;

import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.ImageFilter;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.api.v1alpha1.SparkHostSpec;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Making SparkHosts in tests, the AMI they launch in moto, and waiting for what the operator does. */
final class SparkHosts {

  /** The name of the Debian-like image tests register in moto (moto has no Debian images of its own). */
  static final String IMAGE_NAME = "debian-12-amd64-20261101-1000";

  private SparkHosts() {}

  /**
   * Makes an x86_64 image in moto as the account's own, and returns its id: from an instance of
   * one of moto's stock images (RegisterImage would leave its architecture unset).
   */
  static String registerImage(MotoServer moto, String name) {
    try (Ec2Client ec2 = moto.ec2()) {
      String stock = ec2.describeImages(d -> d.owners("amazon").filters(Filter.builder().name("name").values("amzn2-ami-hvm-*").build(),
          Filter.builder().name("architecture").values("x86_64").build())).images().get(0).imageId();
      String source = ec2.runInstances(r -> r.imageId(stock).minCount(1).maxCount(1)).instances().get(0).instanceId();
      String image = ec2.createImage(c -> c.instanceId(source).name(name)).imageId();
      ec2.terminateInstances(t -> t.instanceIds(source));
      return image;
    }
  }

  /** A spec that launches the registered image, open to one documentation network, with moto's keys. */
  static SparkHost create(KubernetesClient client, String name, Consumer<SparkHostSpec> spec) {
    SparkHost host = new SparkHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(OperatorHarness.NAMESPACE).build());
    SparkHostSpec s = new SparkHostSpec();
    s.setCredentialsSecretRef(new LocalObjectRef(OperatorHarness.CREDENTIALS_SECRET));
    ImageFilter filter = new ImageFilter();
    filter.setName("debian-12-amd64-*");
    filter.setOwners(List.of("self"));
    filter.setArchitecture(ImageFilter.Architecture.x86_64);
    s.setImageFilter(filter);
    s.setAllowedCidrs(new java.util.ArrayList<>(List.of("203.0.113.0/24")));
    spec.accept(s);
    host.setSpec(s);
    return client.resource(host).create();
  }

  static SparkHost get(KubernetesClient client, String name) {
    return client.resources(SparkHost.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
  }

  static void edit(KubernetesClient client, String name, Consumer<SparkHostSpec> change) {
    OperatorHarness.retryOnConflict(() ->
        client.resources(SparkHost.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).edit(h -> {
          change.accept(h.getSpec());
          h.getMetadata().setGeneration(h.getMetadata().getGeneration() == null ? 2 : h.getMetadata().getGeneration() + 1);
          return h;
        }));
  }

  static Optional<Condition> ready(SparkHost host) {
    return host == null || host.getStatus() == null ? Optional.empty() : host.getStatus().condition("Ready");
  }

  static SparkHost awaitStatus(KubernetesClient client, String name, Predicate<SparkHost> condition) {
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
        SparkHost host = get(client, name);
        return host != null && host.getStatus() != null && condition.test(host);
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("SparkHost " + name + " did not reach the expected status; last seen:\n"
          + Serialization.asYaml(get(client, name)), e);
    }
    return get(client, name);
  }

  static SparkHost awaitReady(KubernetesClient client, String name) {
    return awaitStatus(client, name, h -> ready(h).map(c -> "True".equals(c.getStatus())
        && h.getMetadata().getGeneration().equals(c.getObservedGeneration())).orElse(false));
  }

  static SparkHost awaitReason(KubernetesClient client, String name, String reason) {
    return awaitStatus(client, name, h -> ready(h).map(c -> reason.equals(c.getReason())).orElse(false));
  }

  /** The instances moto holds in any state but terminated. */
  static List<Instance> liveInstances(MotoServer moto) {
    try (Ec2Client ec2 = moto.ec2()) {
      return ec2.describeInstances(d -> d.filters(Filter.builder().name("instance-state-name")
              .values("pending", "running", "stopping", "stopped", "shutting-down").build()))
          .reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }
  }

  static List<Event> events(KubernetesClient client, String name) {
    return client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }

  static List<String> eventReasons(KubernetesClient client, String name) {
    return events(client, name).stream().map(Event::getReason).toList();
  }
}
