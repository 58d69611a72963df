package dev.flightdelay.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DeletionPolicy;
import dev.flightdelay.api.v1alpha1.FlightDelayStatus;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.api.v1alpha1.SeedStatus;
import dev.flightdelay.operator.FlightDelayOperator;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBuckets;
import dev.flightdelay.testing.IamEnforcingMoto;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Two tenants, team-a and team-b, on one operator run with the default (strict) policy, against
 * a moto that enforces IAM: the operator's own identity may only assume roles; team-a is mapped
 * to a role limited to team-a* buckets; team-b has a Secret with keys limited to team-b*. From
 * team-b, every attack of crds/src/test/resources/attacks is refused on the field it breaks, and
 * nothing of team-a's or the operator's is read, written or created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenancyAttackTest {

  private static final Path ATTACKS = Path.of("..", "crds", "src", "test", "resources", "attacks");
  private static final String TEAM_A_BUCKET = "team-a-data";
  private static final byte[] TEAM_A_FLIGHTS = "carrier,dep_delay,arr_delay\nF9,10,22\nAS,-3,-10\n".getBytes();
  private static final Duration RELEASE_AFTER = Duration.ofSeconds(3);

  private IamEnforcingMoto iam;
  private OperatorHarness harness;
  private S3Client auditor;
  private List<Tag> teamATags;

  @BeforeAll
  void twoTenants() {
    iam = IamEnforcingMoto.start(List.of("team-a", "team-b"));
    TenancyPolicy strict = new TenancyPolicy(NamespaceSet.NONE, Map.of("team-a", iam.roleArn("team-a")),
        NamespaceSet.NONE, NamespaceSet.NONE, false, List.of(Path.of("/data")),
        new SeedAddressPolicy(false, List.of(), List.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), 1L << 20),
        RELEASE_AFTER);
    harness = OperatorHarness.start(iam.moto().endpoint(), FlightDelayOperator.NO_HOOKS, strict,
        StaticCredentialsProvider.create(iam.operatorCredentials()));
    auditor = iam.auditorS3();
    KubernetesClient client = harness.client();
    for (String team : List.of("team-a", "team-b")) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(team).endMetadata().build()).create();
      client.configMaps().inNamespace(team).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(team + "-flights").endMetadata().addToData("flights.csv", new String(TEAM_A_FLIGHTS)).build()).create();
    }
    secret("team-b", "team-b-aws");
    client.serviceAccounts().inNamespace("team-b").resource(new ServiceAccountBuilder().withNewMetadata()
        .withName("flight-delay-spark").endMetadata().build()).create();

    create(dataBucket("team-a", "data", TEAM_A_BUCKET, s -> s.setSeed(List.of(DataBuckets.configMapSeed("flights.csv", "team-a-flights", "flights.csv")))));
    DataBucket ready = awaitReady(DataBucket.class, "team-a", "data", "True");
    assertThat(ready.getStatus().getBucketName()).isEqualTo(TEAM_A_BUCKET);
    teamATags = auditor.getBucketTagging(t -> t.bucket(TEAM_A_BUCKET)).tagSet();
    // Retained: the bucket stays, and no reconcile of team-a's runs behind the attacks' AWS call counts.
    client.resource(ready).delete();
    await().atMost(Duration.ofSeconds(10)).until(
        () -> client.resources(DataBucket.class).inNamespace("team-a").withName("data").get() == null);
  }

  @AfterAll
  void close() {
    if (harness != null) {
      harness.close();
    }
    if (iam != null) {
      iam.close();
    }
  }

  static Stream<Arguments> attacks() throws IOException {
    List<Arguments> attacks = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (Stream<Path> files = Files.list(ATTACKS)) {
      for (Path file : files.sorted().toList()) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
          for (JsonNode node : yaml.readValues(parser, JsonNode.class).readAll()) {
            attacks.add(Arguments.of(node.path("kind").asText() + "/" + node.path("metadata").path("name").asText(), node));
          }
        }
      }
    }
    return attacks.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void attackFromTeamBIsRefusedOnTheFieldItBreaksAndTouchesNothing(String name, JsonNode attack) {
    JsonNode annotations = attack.path("metadata").path("annotations");
    String field = annotations.path("test.flightdelay.dev/breaks").asText();
    String reason = annotations.path("test.flightdelay.dev/reason").asText();
    Class<? extends CustomResource<?, ? extends FlightDelayStatus>> kind =
        "DataBucket".equals(attack.path("kind").asText()) ? DataBucket.class : DelayAnalysis.class;
    HasMetadata resource = Serialization.unmarshal(attack.toString(), kind);
    String resourceName = resource.getMetadata().getName();
    harness.api().takeRequests();
    long awsCallsBefore = harness.operator().awsCalls();

    harness.client().resource(resource).create();
    try {
      Condition ready = awaitReady(kind, "team-b", resourceName, "False").getStatus().condition("Ready").orElseThrow();

      assertThat(ready.getReason()).isEqualTo(reason);
      assertThat(ready.getMessage()).startsWith(field + ": ");
      assertThat(harness.operator().awsCalls()).as("AWS calls made for %s", name).isEqualTo(awsCallsBefore);
      assertThat(writesOutside(harness.api().takeRequests(), kind, resourceName)).isEmpty();
      assertTeamAUntouched();
      assertThat(auditor.listBuckets().buckets()).extracting(b -> b.name())
          .doesNotContain("team-b-loot", "team-b-free-ride");
    } finally {
      deleteAndWait(kind, "team-b", resourceName);
    }
  }

  @Test
  void namespaceRoleReachesOnlyItsOwnBuckets() {
    create(dataBucket("team-a", "grab", "team-b-grabbed", s -> { }));
    try {
      DataBucket refused = awaitReady(DataBucket.class, "team-a", "grab", "False");

      assertThat(refused.getStatus().condition("Ready").orElseThrow().getReason()).isEqualTo("AccessDenied");
      assertThat(auditor.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("team-b-grabbed");
      assertTeamAUntouched();
    } finally {
      deleteAndWait(DataBucket.class, "team-a", "grab");
    }
  }

  @Test
  void s3UriSeedReadsWithTheTenantsOwnKeysNeverTheOperators() {
    create(dataBucket("team-b", "copycat", "team-b-copycat", s -> {
      s.setCredentialsSecretRef(new LocalObjectRef("team-b-aws"));
      SeedObject seed = new SeedObject();
      seed.setKey("flights.csv");
      seed.setS3Uri("s3://" + TEAM_A_BUCKET + "/flights.csv");
      s.setSeed(List.of(seed));
    }));
    try {
      DataBucket failed = await().atMost(Duration.ofSeconds(30)).until(
          () -> harness.client().resources(DataBucket.class).inNamespace("team-b").withName("copycat").get(),
          b -> b.getStatus() != null && b.getStatus().getSeeds() != null && !b.getStatus().getSeeds().isEmpty()
              && b.getStatus().getSeeds().get(0).getState() == SeedStatus.State.Failed);

      assertThat(failed.getStatus().getSeeds().get(0).getReason())
          .startsWith("spec.seed[0].s3Uri: ").contains("s3://" + TEAM_A_BUCKET + "/flights.csv", "403");
      assertThat(auditor.listObjectsV2(l -> l.bucket("team-b-copycat")).contents()).isEmpty();
      assertTeamAUntouched();
    } finally {
      deleteAndWait(DataBucket.class, "team-b", "copycat");
    }
  }

  @Test
  void deletingWithoutCredentialsLeavesTheBucketAndNeverHangs() {
    secret("team-b", "doomed-aws");
    create(dataBucket("team-b", "doomed", "team-b-doomed", s -> {
      s.setCredentialsSecretRef(new LocalObjectRef("doomed-aws"));
      s.setDeletionPolicy(DeletionPolicy.Delete);
      s.setEmptyOnDelete(true);
    }));
    awaitReady(DataBucket.class, "team-b", "doomed", "True");

    harness.client().secrets().inNamespace("team-b").withName("doomed-aws").delete();
    harness.client().resources(DataBucket.class).inNamespace("team-b").withName("doomed").delete();

    await().atMost(RELEASE_AFTER.plusSeconds(15)).until(
        () -> harness.client().resources(DataBucket.class).inNamespace("team-b").withName("doomed").get() == null);
    assertThat(auditor.listBuckets().buckets()).extracting(b -> b.name()).contains("team-b-doomed");
    assertThat(harness.client().v1().events().inNamespace("team-b").list().getItems())
        .anyMatch(e -> "BucketLeftBehind".equals(e.getReason()) && e.getMessage().contains("team-b-doomed")
            && "Warning".equals(e.getType()));
  }

  /** Non-GET requests other than to the attacking resource itself (status, finalizer) and events. */
  private static List<String> writesOutside(List<String> requests, Class<?> kind, String name) {
    String plural = kind == DataBucket.class ? "databuckets" : "delayanalyses";
    String own = "/apis/flightdelay.dev/v1alpha1/namespaces/team-b/" + plural;
    return requests.stream()
        .filter(r -> !r.startsWith("GET "))
        .filter(r -> !r.contains(" " + own) && !r.contains(" /api/v1/namespaces/team-b/events"))
        .toList();
  }

  private void assertTeamAUntouched() {
    assertThat(auditor.getBucketTagging(t -> t.bucket(TEAM_A_BUCKET)).tagSet()).isEqualTo(teamATags);
    assertThat(auditor.getObjectAsBytes(g -> g.bucket(TEAM_A_BUCKET).key("flights.csv")).asByteArray())
        .isEqualTo(TEAM_A_FLIGHTS);
    assertThat(auditor.listObjectsV2(l -> l.bucket(TEAM_A_BUCKET)).contents()).hasSize(1);
  }

  private void secret(String namespace, String name) {
    var keys = iam.tenantCredentials(namespace);
    harness.client().secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
        .endMetadata().addToStringData("accessKeyId", keys.accessKeyId())
        .addToStringData("secretAccessKey", keys.secretAccessKey()).build()).create();
  }

  private void deleteAndWait(Class<? extends HasMetadata> kind, String namespace, String name) {
    harness.client().resources(kind).inNamespace(namespace).withName(name).delete();
    await().atMost(Duration.ofSeconds(15))
        .until(() -> harness.client().resources(kind).inNamespace(namespace).withName(name).get() == null);
  }

  private void create(HasMetadata resource) {
    harness.client().resource(resource).create();
  }

  private static DataBucket dataBucket(String namespace, String name, String bucketName, Consumer<DataBucketSpec> spec) {
    DataBucket bucket = new DataBucket();
    bucket.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    DataBucketSpec s = new DataBucketSpec();
    s.setBucketName(bucketName);
    spec.accept(s);
    bucket.setSpec(s);
    return bucket;
  }

  private <T extends CustomResource<?, ? extends FlightDelayStatus>> T awaitReady(Class<T> kind, String namespace,
      String name, String ready) {
    return await().atMost(Duration.ofSeconds(30)).until(
        () -> harness.client().resources(kind).inNamespace(namespace).withName(name).get(),
        r -> r != null && r.getStatus() != null
            && Optional.ofNullable(r.getMetadata().getGeneration()).equals(Optional.ofNullable(r.getStatus().getObservedGeneration()))
            && r.getStatus().condition("Ready").map(c -> ready.equals(c.getStatus())).orElse(false));
  }
}
