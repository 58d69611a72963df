package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json refuses bad values before anything renders, naming the value. */
class ValuesSchemaTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("replicaCount: -1", "replicaCount"),
        Arguments.of("replicaCount: two", "replicaCount"),
        Arguments.of("replicaCount: 1.5", "replicaCount"),
        Arguments.of("replicas: 2", "Additional property replicas is not allowed"),
        Arguments.of("images: {pullPolicy: Sometimes}", "images.pullPolicy"),
        Arguments.of("images: {tag: 'v1 latest'}", "images.tag"),
        Arguments.of("images: {operator: flight-delay-operator, repository: x}", "Additional property repository is not allowed"),
        Arguments.of("watchNamespaces: team-a", "watchNamespaces"),
        Arguments.of("watchNamespaces: [Team_A]", "watchNamespaces.0"),
        Arguments.of("leaderElection: {enabled: 'yes'}", "leaderElection.enabled"),
        Arguments.of("reconcileThreads: 0", "reconcileThreads"),
        Arguments.of("healthPort: 70000", "healthPort"),
        Arguments.of("aws: {region: Frankfurt}", "aws.region"),
        Arguments.of("aws: {s3Endpoint: 'minio:9000'}", "aws.s3Endpoint"),
        Arguments.of("tenancy: {namespaceRoles: {team-a: 'role/team-a'}}", "tenancy.namespaceRoles.team-a"),
        Arguments.of("tenancy: {localRunner: true}", "tenancy.localRunner"),
        Arguments.of("tenancy: {fileRoots: [data]}", "tenancy.fileRoots.0"),
        Arguments.of("seeds: {allowedCidrs: [10.0.0.0]}", "seeds.allowedCidrs.0"),
        Arguments.of("seeds: {maxBytes: -1}", "seeds.maxBytes"),
        Arguments.of("serviceAccount: {annotations: {eks.amazonaws.com/role-arn: [arn]}}", "serviceAccount.annotations"),
        Arguments.of("metrics: {serviceMonitor: {interval: soon}}", "metrics.serviceMonitor.interval"),
        Arguments.of("podDisruptionBudget: {minAvailable: half}", "podDisruptionBudget.minAvailable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void refusesBadValuesNamingThem(String values, String named) {
    String refusal = Chart.refusal(values);

    assertThat(refusal).contains("values don't meet the specifications of the schema").contains(named);
  }
}
