package dev.flightdelay.operator.sparkhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.api.v1alpha1.SparkHostStatus;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBuckets;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.iam.IamClient;

/** Create, adopt, observe: what a SparkHost makes of EC2 and IAM in moto, read back from moto. */
@ExtendWith(MotoExtension.class)
class SparkHostLifecycleTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void launchesAHardenedInstanceWithEverythingItNeedsAndReportsReady(MotoServer moto) throws Exception {
    SparkHosts.registerImage(moto, "debian-12-amd64-20260101-0900");
    String newest = SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "flights", s -> s.setBucketName("flights-archive"));
    SparkHosts.create(harness.client(), "notebook", s -> {
      s.setDataBucketRef(new LocalObjectRef("flights"));
      s.setRootVolumeGiB(50);
      s.setInstanceType("t3.large");
      s.setTags(Map.of("team", "data"));
      s.getAllowedCidrs().add("198.51.100.17/32");
    });

    SparkHost ready = SparkHosts.awaitReady(harness.client(), "notebook");

    SparkHostStatus status = ready.getStatus();
    String uid = ready.getMetadata().getUid();
    assertThat(status.getPhase()).isEqualTo(SparkHostStatus.Phase.Running);
    assertThat(status.getInstanceState()).isEqualTo("running");
    assertThat(status.getImageId()).isEqualTo(newest);
    assertThat(status.getClientToken()).isEqualTo(uid + "-1");
    assertThat(status.getPublicDnsName()).isNotBlank();
    assertThat(status.getPublicIp()).isNotBlank();
    assertThat(status.getPrivateIp()).isNotBlank();
    assertThat(status.getLaunchTime()).isNotBlank();
    assertThat(status.getJupyterUrl()).isEqualTo("https://" + status.getPublicDnsName() + ":8888/lab");
    assertThat(status.getSecretName()).isEqualTo("notebook-access");
    assertThat(status.getSshCommand()).endsWith("ssh -i notebook-access.pem -p 22 spark@" + status.getPublicDnsName())
        .contains("kubectl get secret notebook-access");
    assertThat(status.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());

    try (Ec2Client ec2 = moto.ec2(); IamClient iam = moto.iam()) {
      assertThat(SparkHosts.liveInstances(moto)).singleElement().extracting(Instance::instanceId).isEqualTo(status.getInstanceId());
      Instance instance = ec2.describeInstances(d -> d.instanceIds(status.getInstanceId())).reservations().get(0).instances().get(0);
      assertThat(instance.instanceTypeAsString()).isEqualTo("t3.large");
      assertThat(instance.imageId()).isEqualTo(newest);
      assertThat(instance.keyName()).isEqualTo(status.getKeyName());
      assertThat(instance.clientToken()).isEqualTo(uid + "-1");
      assertThat(instance.metadataOptions().httpTokensAsString()).isEqualTo("required");
      assertThat(instance.metadataOptions().httpEndpointAsString()).isEqualTo("enabled");
      assertThat(instance.securityGroups()).singleElement().satisfies(g -> assertThat(g.groupId()).isEqualTo(status.getSecurityGroupId()));
      assertThat(instance.tags()).extracting(Tag::key, Tag::value).contains(
          tuple("Name", "flights/notebook"), tuple("team", "data"), tuple("flightdelay.dev/owner", "flights/notebook/" + uid));
      assertThat(instance.iamInstanceProfile().arn()).isEqualTo(status.getInstanceProfileArn());
      assertThat(ec2.describeIamInstanceProfileAssociations(d -> d.filters(f -> f.name("instance-id").values(instance.instanceId())))
          .iamInstanceProfileAssociations()).singleElement()
          .satisfies(a -> assertThat(a.iamInstanceProfile().arn()).isEqualTo(status.getInstanceProfileArn()));

      Volume root = ec2.describeVolumes(d -> d.filters(f -> f.name("attachment.instance-id").values(instance.instanceId())))
          .volumes().get(0);
      assertThat(root.size()).isEqualTo(50);
      assertThat(root.volumeTypeAsString()).isEqualTo("gp3");
      assertThat(root.encrypted()).isTrue();

      IpPermission[] rules = ec2.describeSecurityGroups(d -> d.groupIds(status.getSecurityGroupId())).securityGroups().get(0)
          .ipPermissions().toArray(IpPermission[]::new);
      assertThat(rules).flatExtracting(p -> p.ipRanges().stream().map(r -> p.ipProtocol() + "/" + p.fromPort() + "-"
          + p.toPort() + " " + r.cidrIp()).toList()).containsExactlyInAnyOrder(
          "tcp/22-22 203.0.113.0/24", "tcp/22-22 198.51.100.17/32",
          "tcp/8888-8888 203.0.113.0/24", "tcp/8888-8888 198.51.100.17/32");
      assertThat(ec2.describeSecurityGroups(d -> d.groupIds(status.getSecurityGroupId())).securityGroups().get(0).tags())
          .extracting(Tag::key, Tag::value).contains(tuple("flightdelay.dev/owner", "flights/notebook/" + uid));

      String userData = new String(Base64.getDecoder().decode(ec2.describeInstanceAttribute(
          d -> d.instanceId(instance.instanceId()).attribute("userData")).userData().value()), StandardCharsets.UTF_8);
      Secret secret = harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).withName("notebook-access").get();
      String token = decode(secret, "jupyter-token");
      String publicKey = decode(secret, "ssh-publickey");
      assertThat(token).hasSize(64);
      assertThat(userData).startsWith("#cloud-config").contains("DATA_BUCKET=flights-archive")
          .contains("SPARK_VERSION=4.1.1").contains(publicKey).contains("hashed_password = \"sha256:")
          .doesNotContain(token).doesNotContain("PRIVATE KEY");
      assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(uid));

      // The private key in the Secret is the half of the key pair EC2 holds, and ssh can read it.
      String derived = publicKeyOf(decode(secret, "ssh-privatekey"));
      String imported = ec2.describeKeyPairs(d -> d.keyNames(status.getKeyName()).includePublicKey(true)).keyPairs().get(0).publicKey();
      assertThat(derived.split(" ")[1]).isEqualTo(publicKey.split(" ")[1]).isEqualTo(imported.split(" ")[1]);

      String role = "flightdelay-sph-" + uid;
      assertThat(iam.getInstanceProfile(g -> g.instanceProfileName(role)).instanceProfile().roles())
          .singleElement().satisfies(r -> assertThat(r.roleName()).isEqualTo(role));
      String policy = URLDecoder.decode(iam.getRolePolicy(g -> g.roleName(role).policyName("flightdelay-databucket-access"))
          .policyDocument(), StandardCharsets.UTF_8);
      assertThat(policy).contains("\"arn:aws:s3:::flights-archive\"", "\"arn:aws:s3:::flights-archive/*\"",
          "\"arn:aws:s3:::flights-archive/results/*\"", "s3:GetObject", "s3:PutObject").doesNotContain("\"s3:*\"");
      assertThat(URLDecoder.decode(iam.getRole(g -> g.roleName(role)).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8))
          .contains("ec2.amazonaws.com");
    }
    assertThat(SparkHosts.eventReasons(harness.client(), "notebook"))
        .contains("KeyPairCreated", "SecurityGroupCreated", "InstanceLaunched").doesNotContain("InstanceAdopted");
  }

  @Test
  void waitsForTheDataBucketItNamesWithoutLaunching(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    // The DataBucket's watch wakes the SparkHost: the resync is longer than the test.
    harness = OperatorHarness.startWithoutResync(moto);
    SparkHosts.create(harness.client(), "early", s -> s.setDataBucketRef(new LocalObjectRef("later")));

    SparkHost waiting = SparkHosts.awaitReason(harness.client(), "early", "DataBucketNotFound");
    assertThat(waiting.getStatus().getMessage()).startsWith("spec.dataBucketRef");
    assertThat(SparkHosts.liveInstances(moto)).isEmpty();

    DataBuckets.create(harness.client(), "later", s -> s.setBucketName("later-bucket"));
    SparkHost ready = SparkHosts.awaitReady(harness.client(), "early");
    assertThat(ready.getStatus().getInstanceProfileArn()).endsWith("instance-profile/flightdelay-sph-" + ready.getMetadata().getUid());
  }

  @Test
  void saysSoWhenNoImageMatchesAndLaunchesNothing(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    SparkHosts.create(harness.client(), "imageless", s -> s.setImageFilter(null));

    SparkHost refused = SparkHosts.awaitReason(harness.client(), "imageless", "ImageNotFound");

    assertThat(refused.getStatus().getMessage()).contains("debian-12-amd64-*", "136693071363");
    assertThat(SparkHosts.liveInstances(moto)).isEmpty();
  }

  @Test
  void reportsAnInstanceTerminatedBehindItsBackAndReplacesItOnlyAfterASpecChange(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    harness = OperatorHarness.start(moto);
    SparkHosts.create(harness.client(), "fragile", s -> { });
    SparkHost first = SparkHosts.awaitReady(harness.client(), "fragile");
    String firstId = first.getStatus().getInstanceId();

    try (Ec2Client ec2 = moto.ec2()) {
      ec2.terminateInstances(t -> t.instanceIds(firstId));
    }
    SparkHost lost = SparkHosts.awaitReason(harness.client(), "fragile", "InstanceTerminated");
    assertThat(lost.getStatus().getPhase()).isEqualTo(SparkHostStatus.Phase.Terminated);
    assertThat(lost.getStatus().condition("InstanceLost")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    sleep(Duration.ofSeconds(5));
    assertThat(SparkHosts.liveInstances(moto)).as("no replacement without a spec change").isEmpty();

    SparkHosts.edit(harness.client(), "fragile", s -> s.setInstanceType("m5.large"));
    SparkHost replaced = SparkHosts.awaitReady(harness.client(), "fragile");

    assertThat(replaced.getStatus().getInstanceId()).isNotEqualTo(firstId);
    assertThat(replaced.getStatus().getClientToken()).isEqualTo(replaced.getMetadata().getUid() + "-2");
    assertThat(replaced.getStatus().condition("InstanceLost")).isEmpty();
    assertThat(SparkHosts.liveInstances(moto)).singleElement().extracting(Instance::instanceTypeAsString).isEqualTo("m5.large");
    assertThat(SparkHosts.eventReasons(harness.client(), "fragile")).containsOnlyOnce("InstanceTerminated");
  }

  @Test
  void reportsAnInstanceStoppedBehindItsBackWithoutStartingIt(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    harness = OperatorHarness.start(moto);
    SparkHosts.create(harness.client(), "sleepy", s -> { });
    String id = SparkHosts.awaitReady(harness.client(), "sleepy").getStatus().getInstanceId();

    try (Ec2Client ec2 = moto.ec2()) {
      ec2.stopInstances(t -> t.instanceIds(id));
    }
    SparkHost stopped = SparkHosts.awaitReason(harness.client(), "sleepy", "InstanceStopped");

    assertThat(stopped.getStatus().getInstanceState()).isEqualTo("stopped");
    assertThat(SparkHosts.liveInstances(moto)).singleElement().extracting(i -> i.state().nameAsString()).isEqualTo("stopped");
    assertThat(SparkHosts.eventReasons(harness.client(), "sleepy")).containsOnlyOnce("InstanceStopped");
  }

  private static String decode(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  /** ssh-keygen -y: what OpenSSH makes of the private key. */
  private static String publicKeyOf(String privateKey) throws IOException, InterruptedException {
    Path file = Files.createTempFile("sparkhost-key", ".pem", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(file, privateKey);
      Process process = new ProcessBuilder("ssh-keygen", "-y", "-f", file.toString()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(process.waitFor()).as(output).isZero();
      return output;
    } finally {
      Files.delete(file);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
