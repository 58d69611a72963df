package dev.flightdelay.operator.sparkhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/** The security group holds exactly the spec's rules: drift is undone, spec changes applied both ways. */
@ExtendWith(MotoExtension.class)
class SparkHostSecurityGroupTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void revokesARuleAddedBehindItsBackAndRestoresOneRemoved(MotoServer moto) {
    String group = launch(moto, "guarded").getStatus().getSecurityGroupId();

    try (Ec2Client ec2 = moto.ec2()) {
      ec2.authorizeSecurityGroupIngress(a -> a.groupId(group).ipPermissions(
          IpPermission.builder().ipProtocol("tcp").fromPort(5432).toPort(5432).ipRanges(r -> r.cidrIp("0.0.0.0/0")).build(),
          IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(r -> r.cidrIp("10.0.0.0/8")).build()));
      ec2.revokeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
          IpPermission.builder().ipProtocol("tcp").fromPort(8888).toPort(8888).ipRanges(x -> x.cidrIp("203.0.113.0/24")).build()));

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(rules(ec2, group)).containsExactlyInAnyOrder("tcp/22 203.0.113.0/24", "tcp/8888 203.0.113.0/24"));
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(SparkHosts.events(harness.client(), "guarded")).anySatisfy(e -> {
          assertThat(e.getReason()).isEqualTo("DriftCorrected");
          assertThat(e.getMessage()).contains("revoked", "tcp/5432 from 0.0.0.0/0", "tcp/22 from 10.0.0.0/8");
        }));
  }

  @Test
  void opensANewCidrAndRevokesOneTakenOutOfTheSpec(MotoServer moto) {
    String group = launch(moto, "moving").getStatus().getSecurityGroupId();

    SparkHosts.edit(harness.client(), "moving", s -> s.setAllowedCidrs(List.of("198.51.100.0/24")));
    SparkHosts.awaitReady(harness.client(), "moving");
    try (Ec2Client ec2 = moto.ec2()) {
      assertThat(rules(ec2, group)).containsExactlyInAnyOrder("tcp/22 198.51.100.0/24", "tcp/8888 198.51.100.0/24");

      SparkHosts.edit(harness.client(), "moving", s -> {
        s.setAllowedCidrs(List.of("198.51.100.0/24", "192.0.2.0/24"));
        s.getJupyter().setEnabled(false);
      });
      SparkHost ready = SparkHosts.awaitReady(harness.client(), "moving");
      assertThat(rules(ec2, group)).containsExactlyInAnyOrder("tcp/22 198.51.100.0/24", "tcp/22 192.0.2.0/24");
      assertThat(ready.getStatus().getJupyterUrl()).isNull();
    }
    assertThat(SparkHosts.eventReasons(harness.client(), "moving")).contains("AccessUpdated").doesNotContain("DriftCorrected");
  }

  @Test
  void warnsWhenTheSpecOpensPortsToTheWholeInternet(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    harness = OperatorHarness.start(moto);
    SparkHosts.create(harness.client(), "exposed", s -> s.setAllowedCidrs(List.of("0.0.0.0/0")));

    SparkHost ready = SparkHosts.awaitReady(harness.client(), "exposed");

    assertThat(ready.getStatus().condition("OpenToInternet")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getMessage()).contains("0.0.0.0/0", "port 22", "port 8888");
    });
    assertThat(SparkHosts.events(harness.client(), "exposed")).filteredOn(e -> "OpenToInternet".equals(e.getReason()))
        .singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
  }

  private SparkHost launch(MotoServer moto, String name) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    harness = OperatorHarness.start(moto);
    SparkHosts.create(harness.client(), name, s -> {
      s.setJupyter(new dev.flightdelay.api.v1alpha1.JupyterSpec());
    });
    return SparkHosts.awaitReady(harness.client(), name);
  }

  private static List<String> rules(Ec2Client ec2, String group) {
    return ec2.describeSecurityGroups(d -> d.groupIds(group)).securityGroups().get(0).ipPermissions().stream()
        .flatMap(p -> java.util.stream.Stream.concat(
            p.ipRanges().stream().map(r -> p.ipProtocol() + "/" + p.fromPort() + (p.fromPort().equals(p.toPort()) ? "" : "-" + p.toPort())
                + " " + r.cidrIp()),
            p.ipv6Ranges().stream().map(r -> p.ipProtocol() + "/" + p.fromPort() + " " + r.cidrIpv6())))
        .toList();
  }
}
