package dev.flightdelay.helm;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The values an admin installs the chart with, each rendered by the tests that hold for all of them. */
final class Variants {

  private Variants() {}

  static Stream<Named<String>> all() {
    return Stream.of(
        Named.of("defaults", ""),
        Named.of("two watched namespaces", "watchNamespaces: [team-a, team-b]"),
        Named.of("IRSA", """
            serviceAccount:
              annotations:
                eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/flight-delay-operator
            tenancy:
              operatorIdentityNamespaces: [analytics]
            """),
        Named.of("credentials from an existing Secret", "aws: {credentialsSecret: operator-aws}"),
        Named.of("metrics Service off", "metrics: {service: {enabled: false}}"),
        Named.of("ServiceMonitor on", "metrics: {serviceMonitor: {enabled: true, labels: {release: prometheus}}}"),
        Named.of("two replicas", "replicaCount: 2"),
        Named.of("two replicas, PDB, NetworkPolicy, driver RBAC", """
            replicaCount: 2
            podDisruptionBudget: {enabled: true}
            networkPolicy:
              enabled: true
              metricsFrom: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
            sparkDriver: {namespaces: [team-a, team-b]}
            """));
  }
}
