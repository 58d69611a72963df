package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each of the chart's options renders. */
class ChartVariantsTest {

  @Test
  void irsaAnnotatesTheOperatorsServiceAccountAndSetsNoCredentials() {
    Manifests rendered = Chart.template("""
        serviceAccount:
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/flight-delay-operator
        """);

    assertThat(rendered.one(ServiceAccount.class).getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/flight-delay-operator");
    assertThat(rendered.env()).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void aNamespacesRoleAlsoReachesItsSparkDriversThroughIrsa() {
    Manifests rendered = Chart.template("""
        tenancy:
          namespaceRoles: {team-a: "arn:aws:iam::123456789012:role/team-a-data"}
        sparkDriver: {namespaces: [team-a, team-b]}
        """);

    assertThat(rendered.one(ServiceAccount.class, "team-a").getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/team-a-data");
    assertThat(rendered.one(ServiceAccount.class, "team-b").getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void credentialsFromAnExistingSecretReachTheSdkAsItsVariables() {
    Manifests rendered = Chart.template("aws: {credentialsSecret: operator-aws}");

    assertThat(rendered.operatorContainer().getEnv()).filteredOn(e -> e.getName().startsWith("AWS_"))
        .allSatisfy(e -> {
          assertThat(e.getValue()).isNull();
          assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("operator-aws");
        })
        .extracting(EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef().getKey(), e -> e.getValueFrom().getSecretKeyRef().getOptional())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("AWS_ACCESS_KEY_ID", "accessKeyId", null),
            org.assertj.core.groups.Tuple.tuple("AWS_SECRET_ACCESS_KEY", "secretAccessKey", null),
            org.assertj.core.groups.Tuple.tuple("AWS_SESSION_TOKEN", "sessionToken", true));
  }

  @Test
  void anExistingServiceAccountIsUsedAsItIs() {
    Manifests rendered = Chart.template("serviceAccount: {create: false, name: platform-operator}");

    assertThat(rendered.all(ServiceAccount.class)).isEmpty();
    assertThat(rendered.deployment().getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("platform-operator");
    assertThat(Chart.refusal("serviceAccount: {create: false}")).contains("serviceAccount.name");
  }

  @Test
  void metricsServiceSelectsTheOperatorsPodsAndTheServiceMonitorScrapesIt() {
    Manifests rendered = Chart.template("metrics: {serviceMonitor: {enabled: true, interval: 15s, labels: {release: prometheus}}}");
    Service service = rendered.one(Service.class);
    GenericKubernetesResource monitor = (GenericKubernetesResource) rendered.ofKind("ServiceMonitor").get(0);

    assertThat(service.getSpec().getSelector()).isEqualTo(rendered.deployment().getSpec().getSelector().getMatchLabels());
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels")).isEqualTo(service.getMetadata().getLabels()
        .entrySet().stream().filter(e -> service.getSpec().getSelector().containsKey(e.getKey()))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/metrics");
    assertThat(monitor.<String>get("spec", "endpoints", 0, "port")).isEqualTo("http");
    assertThat(monitor.<String>get("spec", "endpoints", 0, "interval")).isEqualTo("15s");
  }

  @Test
  void noServiceMonitorByDefaultAndNoneWithoutItsService() {
    assertThat(Chart.template("").ofKind("ServiceMonitor")).isEmpty();
    assertThat(Chart.template("metrics: {service: {enabled: false}}").all(Service.class)).isEmpty();
    assertThat(Chart.refusal("metrics: {service: {enabled: false}, serviceMonitor: {enabled: true}}"))
        .contains("metrics.serviceMonitor.enabled needs metrics.service.enabled");
  }

  @Test
  void twoReplicasTurnLeaderElectionOn() {
    Manifests rendered = Chart.template("replicaCount: 2");

    assertThat(rendered.deployment().getSpec().getReplicas()).isEqualTo(2);
    assertThat(rendered.env()).containsEntry("FLIGHTDELAY_LEADER_ELECTION", "true");
    assertThat(Chart.template("").env()).containsEntry("FLIGHTDELAY_LEADER_ELECTION", "false");
  }

  @Test
  void aDisruptionBudgetNeedsTwoReplicas() {
    PodDisruptionBudget budget = Chart.template("{replicaCount: 2, podDisruptionBudget: {enabled: true}}").one(PodDisruptionBudget.class);

    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(Chart.refusal("podDisruptionBudget: {enabled: true}")).contains("set replicaCount to 2 or more");
  }

  @Test
  void theNetworkPolicyLetsOnlyTheListedPeersReachTheMetricsPort() {
    NetworkPolicy closed = Chart.template("networkPolicy: {enabled: true}").one(NetworkPolicy.class);
    NetworkPolicy scraped = Chart.template("""
        networkPolicy:
          enabled: true
          metricsFrom: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
        """).one(NetworkPolicy.class);

    assertThat(closed.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(closed.getSpec().getIngress()).isEmpty();
    assertThat(scraped.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
      assertThat(rule.getFrom()).singleElement().satisfies(peer ->
          assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
    });
  }

  @Test
  void bothImagesFollowOneNameAndTagScheme() {
    Manifests local = Chart.template("");
    Manifests pushed = Chart.template("images: {registry: ghcr.io/acme, tag: '1.0.0'}");

    String version = System.getProperty("flightdelay.version");
    assertThat(local.operatorContainer().getImage()).isEqualTo("flight-delay-operator:" + version);
    assertThat(local.env()).containsEntry("FLIGHTDELAY_JOB_IMAGE", "flight-delay-job:" + version);
    assertThat(pushed.operatorContainer().getImage()).isEqualTo("ghcr.io/acme/flight-delay-operator:1.0.0");
    assertThat(pushed.env()).containsEntry("FLIGHTDELAY_JOB_IMAGE", "ghcr.io/acme/flight-delay-job:1.0.0");
  }

  @Test
  void everyObjectIsLabelledAsPartOfTheRelease() {
    Manifests rendered = Chart.template("{replicaCount: 2, sparkDriver: {namespaces: [team-a]}, podDisruptionBudget: {enabled: true}}");

    assertThat(rendered.resources()).extracting(HasMetadata::getMetadata)
        .allSatisfy(meta -> assertThat(meta.getLabels()).containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
            .containsEntry("app.kubernetes.io/managed-by", "Helm"));
  }
}
