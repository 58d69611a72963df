package dev.flightdelay.operator.sparkhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DeletionPolicy;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBuckets;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** What deleting a SparkHost leaves in moto: nothing with Delete, everything with Retain. */
@ExtendWith(MotoExtension.class)
class SparkHostDeletionTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void deleteTerminatesTheInstanceAndRemovesEverythingItMade(MotoServer moto) {
    SparkHost ready = launch(moto, "doomed", DeletionPolicy.Delete);
    String role = "flightdelay-sph-" + ready.getMetadata().getUid();

    harness.client().resource(ready).delete();
    await().atMost(Duration.ofSeconds(60)).until(() -> SparkHosts.get(harness.client(), "doomed") == null);

    try (Ec2Client ec2 = moto.ec2(); IamClient iam = moto.iam()) {
      assertThat(ec2.describeInstances(d -> d.instanceIds(ready.getStatus().getInstanceId())).reservations().get(0)
          .instances().get(0).state().nameAsString()).isEqualTo("terminated");
      assertThat(SparkHosts.liveInstances(moto)).isEmpty();
      assertThat(ec2.describeSecurityGroups(d -> d.filters(f -> f.name("group-id").values(ready.getStatus().getSecurityGroupId())))
          .securityGroups()).isEmpty();
      assertThat(ec2.describeKeyPairs().keyPairs()).noneMatch(k -> k.keyName().equals(ready.getStatus().getKeyName()));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> iam.getRole(g -> g.roleName(role)))
          .isInstanceOf(NoSuchEntityException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> iam.getInstanceProfile(g -> g.instanceProfileName(role)))
          .isInstanceOf(NoSuchEntityException.class);
    }
    assertThat(harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).withName("doomed-access").get()).isNull();
  }

  @Test
  void retainKeepsTheInstanceAndEverythingItNeedsAndReleasesTheSecret(MotoServer moto) {
    SparkHost ready = launch(moto, "kept", DeletionPolicy.Retain);
    String role = "flightdelay-sph-" + ready.getMetadata().getUid();

    harness.client().resource(ready).delete();
    await().atMost(Duration.ofSeconds(60)).until(() -> SparkHosts.get(harness.client(), "kept") == null);

    try (Ec2Client ec2 = moto.ec2(); IamClient iam = moto.iam()) {
      assertThat(SparkHosts.liveInstances(moto)).singleElement()
          .satisfies(i -> assertThat(i.instanceId()).isEqualTo(ready.getStatus().getInstanceId()))
          .satisfies(i -> assertThat(i.state().nameAsString()).isEqualTo("running"));
      assertThat(ec2.describeSecurityGroups(d -> d.groupIds(ready.getStatus().getSecurityGroupId())).securityGroups()).hasSize(1);
      assertThat(ec2.describeKeyPairs(d -> d.keyNames(ready.getStatus().getKeyName())).keyPairs()).hasSize(1);
      assertThat(iam.getInstanceProfile(g -> g.instanceProfileName(role)).instanceProfile().roles()).hasSize(1);
    }
    Secret secret = harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).withName("kept-access").get();
    assertThat(secret).isNotNull();
    assertThat(secret.getMetadata().getOwnerReferences()).as("not garbage-collected with the SparkHost").isEmpty();
    assertThat(secret.getData()).containsKeys("ssh-privatekey", "jupyter-token");
  }

  @Test
  void deletingTwiceAfterACrashMidwayFindsNothingLeftToDoAndStillFinishes(MotoServer moto) {
    SparkHost ready = launch(moto, "halfway", DeletionPolicy.Delete);
    try (Ec2Client ec2 = moto.ec2()) {
      // As if a previous operator had terminated the instance and removed the group, then died.
      ec2.terminateInstances(t -> t.instanceIds(ready.getStatus().getInstanceId()));
      harness.stopOperator();
      await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(Ec2Exception.class)
          .until(() -> {
            ec2.deleteSecurityGroup(d -> d.groupId(ready.getStatus().getSecurityGroupId()));
            return true;
          });
    }
    harness.client().resource(ready).delete();
    harness.startOperator(dev.flightdelay.operator.FlightDelayOperator.NO_HOOKS);

    await().atMost(Duration.ofSeconds(60)).until(() -> SparkHosts.get(harness.client(), "halfway") == null);
    assertThat(SparkHosts.liveInstances(moto)).isEmpty();
  }

  private SparkHost launch(MotoServer moto, String name, DeletionPolicy policy) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "data", s -> s.setBucketName("data-of-" + name));
    SparkHosts.create(harness.client(), name, s -> {
      s.setDeletionPolicy(policy);
      s.setDataBucketRef(new LocalObjectRef("data"));
    });
    return SparkHosts.awaitReady(harness.client(), name);
  }
}
