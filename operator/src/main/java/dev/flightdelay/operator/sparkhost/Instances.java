package dev.flightdelay.operator.sparkhost;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/** Finding, launching and terminating the one instance of a SparkHost. */
final class Instances {

  /** Everything RunInstances is given. */
  record Launch(String clientToken, String imageId, String rootDeviceName, String instanceType, String subnetId,
      String securityGroupId, String keyName, String instanceProfileArn, String userData, int rootVolumeGiB,
      Map<String, String> tags) {
    @Override
    public String toString() {
      return "Launch[" + clientToken + ", " + imageId + ", " + instanceType + "]";
    }
  }

  private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

  /**
   * The host's instance: the one status names, else a live one tagged as the host's (launched
   * before a crash kept its id out of status). Empty when there is none.
   */
  Optional<Instance> find(Ec2Client ec2, HostNames names, String knownId) {
    if (knownId != null) {
      try {
        Optional<Instance> known = ec2.describeInstances(d -> d.instanceIds(knownId)).reservations().stream()
            .flatMap(r -> r.instances().stream()).findFirst();
        if (known.isPresent()) {
          return known;
        }
      } catch (Ec2Exception e) {
        if (!Ec2Errors.notFound(e)) {
          throw e;
        }
      }
    }
    return live(ec2, names).stream().findFirst();
  }

  /** The live instances tagged as the host's, oldest first. */
  List<Instance> live(Ec2Client ec2, HostNames names) {
    return ec2.describeInstancesPaginator(d -> d.filters(SecurityGroups.ownedBy(names),
            Filter.builder().name("instance-state-name").values(LIVE_STATES).build()))
        .reservations().stream().flatMap(r -> r.instances().stream())
        .sorted(Comparator.comparing(Instance::launchTime, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  Instance launch(Ec2Client ec2, Launch launch) {
    RunInstancesRequest.Builder request = RunInstancesRequest.builder()
        .clientToken(launch.clientToken())
        .imageId(launch.imageId())
        .instanceType(launch.instanceType())
        .minCount(1)
        .maxCount(1)
        .securityGroupIds(launch.securityGroupId())
        .userData(Base64.getEncoder().encodeToString(launch.userData().getBytes(StandardCharsets.UTF_8)))
        .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpEndpoint(InstanceMetadataEndpointState.ENABLED)
            .httpPutResponseHopLimit(1))
        .blockDeviceMappings(b -> b.deviceName(launch.rootDeviceName()).ebs(e -> e.volumeSize(launch.rootVolumeGiB())
            .volumeType(VolumeType.GP3).encrypted(true).deleteOnTermination(true)))
        .tagSpecifications(
            TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(SecurityGroups.ec2Tags(launch.tags())).build(),
            TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(SecurityGroups.ec2Tags(launch.tags())).build());
    if (launch.subnetId() != null) {
      request.subnetId(launch.subnetId());
    }
    if (launch.keyName() != null) {
      request.keyName(launch.keyName());
    }
    if (launch.instanceProfileArn() != null) {
      request.iamInstanceProfile(p -> p.arn(launch.instanceProfileArn()));
    }
    return ec2.runInstances(request.build()).instances().get(0);
  }

  /** Asks EC2 to terminate; true once the instance is terminated (or gone). */
  boolean terminate(Ec2Client ec2, HostNames names, String knownId) {
    boolean done = true;
    for (Instance instance : knownAndLive(ec2, names, knownId)) {
      InstanceStateName state = instance.state().name();
      if (state == InstanceStateName.TERMINATED) {
        continue;
      }
      done = false;
      if (state != InstanceStateName.SHUTTING_DOWN) {
        ec2.terminateInstances(t -> t.instanceIds(instance.instanceId()));
      }
    }
    return done;
  }

  private List<Instance> knownAndLive(Ec2Client ec2, HostNames names, String knownId) {
    List<Instance> all = new java.util.ArrayList<>(live(ec2, names));
    find(ec2, names, knownId).filter(i -> all.stream().noneMatch(a -> a.instanceId().equals(i.instanceId())))
        .ifPresent(all::add);
    return all;
  }
}
