package dev.flightdelay.operator.sparkhost;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The security group of one SparkHost: found by its owner tag (or made, tagged in the same
 * call), and its ingress brought to exactly the spec's rules every reconcile. Egress stays
 * EC2's default (all outbound): the first boot downloads packages and Spark.
 */
final class SecurityGroups {

  /** Where the instance goes: the VPC of spec.subnetId, else the default VPC (subnet left to EC2). */
  record Placement(String vpcId, String subnetId) {}

  /** The group and whether this reconcile made it. */
  record Group(String id, boolean created) {}

  /** What converging changed: rules authorized and revoked (empty: nothing had drifted). */
  record Changes(List<String> added, List<String> removed) {
    boolean any() {
      return !added.isEmpty() || !removed.isEmpty();
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (!added.isEmpty()) {
        parts.add("opened " + String.join(", ", added));
      }
      if (!removed.isEmpty()) {
        parts.add("revoked " + String.join(", ", removed));
      }
      return String.join("; ", parts);
    }
  }

  /** Empty when the subnet is not there, or there is no default VPC. */
  Optional<Placement> placement(Ec2Client ec2, String subnetId) {
    if (subnetId != null) {
      try {
        return ec2.describeSubnets(d -> d.subnetIds(subnetId)).subnets().stream().findFirst()
            .map(Subnet::vpcId).map(vpc -> new Placement(vpc, subnetId));
      } catch (Ec2Exception e) {
        if (Ec2Errors.notFound(e)) {
          return Optional.empty();
        }
        throw e;
      }
    }
    return ec2.describeVpcs(d -> d.filters(Filter.builder().name("is-default").values("true").build())).vpcs().stream()
        .findFirst().map(Vpc::vpcId).map(vpc -> new Placement(vpc, null));
  }

  /** The group tagged as the host's, if any (a crash may have left it without a status). */
  Optional<String> find(Ec2Client ec2, HostNames names) {
    return ec2.describeSecurityGroupsPaginator(d -> d.filters(ownedBy(names))).securityGroups().stream()
        .map(SecurityGroup::groupId).findFirst();
  }

  Group ensure(Ec2Client ec2, HostNames names, Placement placement, Map<String, String> tags) {
    Optional<String> existing = find(ec2, names);
    if (existing.isPresent()) {
      return new Group(existing.get(), false);
    }
    try {
      String id = ec2.createSecurityGroup(c -> c.groupName(names.securityGroup()).vpcId(placement.vpcId())
          .description("SSH and Jupyter of SparkHost " + names.display() + ", from its allowedCidrs only")
          .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP).tags(ec2Tags(tags)).build()))
          .groupId();
      return new Group(id, true);
    } catch (Ec2Exception e) {
      if (!"InvalidGroup.Duplicate".equals(Ec2Errors.code(e))) {
        throw e;
      }
      // Same name in the VPC but not (yet) found by tag: EC2's reads lag its writes.
      return new Group(ec2.describeSecurityGroups(d -> d.filters(
              Filter.builder().name("group-name").values(names.securityGroup()).build(),
              Filter.builder().name("vpc-id").values(placement.vpcId()).build()))
          .securityGroups().get(0).groupId(), false);
    }
  }

  /** Brings the group's ingress to exactly the wanted rules: what is missing is opened, anything else revoked. */
  Changes converge(Ec2Client ec2, String groupId, List<IngressRule> wanted) {
    SecurityGroup group = ec2.describeSecurityGroups(d -> d.groupIds(groupId)).securityGroups().get(0);
    Set<IngressRule> present = new HashSet<>();
    List<IpPermission> unwanted = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (IpPermission permission : group.ipPermissions()) {
      boolean singleTcpPort = "tcp".equals(permission.ipProtocol()) && permission.fromPort() != null
          && permission.fromPort().equals(permission.toPort());
      List<IpRange> strayRanges = new ArrayList<>();
      for (IpRange range : permission.ipRanges()) {
        IngressRule rule = singleTcpPort ? new IngressRule(permission.fromPort(), range.cidrIp()) : null;
        if (rule != null && wanted.contains(rule)) {
          present.add(rule);
        } else {
          strayRanges.add(IpRange.builder().cidrIp(range.cidrIp()).build());
          removed.add(describe(permission, range.cidrIp()));
        }
      }
      IpPermission stray = permission.toBuilder().ipRanges(strayRanges).build();
      if (!strayRanges.isEmpty() || !permission.ipv6Ranges().isEmpty() || !permission.prefixListIds().isEmpty()
          || !permission.userIdGroupPairs().isEmpty()) {
        permission.ipv6Ranges().forEach(r -> removed.add(describe(permission, r.cidrIpv6())));
        permission.prefixListIds().forEach(p -> removed.add(describe(permission, p.prefixListId())));
        permission.userIdGroupPairs().forEach(p -> removed.add(describe(permission, p.groupId())));
        unwanted.add(stray);
      }
    }
    if (!unwanted.isEmpty()) {
      ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(unwanted));
    }
    Set<IngressRule> missing = new LinkedHashSet<>(wanted);
    missing.removeAll(present);
    if (!missing.isEmpty()) {
      ec2.authorizeSecurityGroupIngress(a -> a.groupId(groupId).ipPermissions(missing.stream()
          .map(rule -> IpPermission.builder().ipProtocol("tcp").fromPort(rule.port()).toPort(rule.port())
              .ipRanges(IpRange.builder().cidrIp(rule.cidr()).description(description(rule)).build()).build())
          .toList()));
    }
    return new Changes(missing.stream().map(IngressRule::toString).toList(), removed);
  }

  /** Deletes the host's group; false while something (the terminating instance) still uses it. */
  boolean delete(Ec2Client ec2, HostNames names, String knownId) {
    Set<String> ids = new LinkedHashSet<>();
    if (knownId != null) {
      ids.add(knownId);
    }
    find(ec2, names).ifPresent(ids::add);
    for (String id : ids) {
      try {
        ec2.deleteSecurityGroup(d -> d.groupId(id));
      } catch (Ec2Exception e) {
        if ("DependencyViolation".equals(Ec2Errors.code(e))) {
          return false;
        }
        if (!Ec2Errors.notFound(e)) {
          throw e;
        }
      }
    }
    return true;
  }

  static Filter ownedBy(HostNames names) {
    return Filter.builder().name("tag:" + HostNames.OWNER_TAG).values(names.owner()).build();
  }

  static List<Tag> ec2Tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static String description(IngressRule rule) {
    return "flight-delay-operator: " + (rule.port() == 22 ? "SSH" : "port " + rule.port());
  }

  private static String describe(IpPermission permission, String source) {
    String protocol = "-1".equals(permission.ipProtocol()) ? "all" : permission.ipProtocol();
    String ports = permission.fromPort() == null || permission.fromPort() == -1 ? ""
        : "/" + permission.fromPort() + (permission.fromPort().equals(permission.toPort()) ? "" : "-" + permission.toPort());
    return protocol + ports + " from " + source;
  }
}
