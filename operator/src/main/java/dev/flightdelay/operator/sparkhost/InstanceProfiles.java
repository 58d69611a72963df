package dev.flightdelay.operator.sparkhost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The IAM role and instance profile of a SparkHost that names a DataBucket: the instance may
 * list and read that bucket, and write under its results/ prefix, nothing else. Its inline
 * policy is brought back to that every reconcile.
 */
final class InstanceProfiles {

  static final String POLICY_NAME = "flightdelay-databucket-access";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The profile's ARN and whether anything had to be made or corrected now. */
  record Profile(String arn, boolean changed) {}

  Profile ensure(IamClient iam, HostNames names, String bucket, String partition, Map<String, String> tags) {
    boolean changed = false;
    List<Tag> iamTags = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    try {
      iam.getRole(g -> g.roleName(names.role()));
    } catch (IamException e) {
      if (!Ec2Errors.notFound(e)) {
        throw e;
      }
      createIgnoringExisting(() -> iam.createRole(c -> c.roleName(names.role()).tags(iamTags)
          .description("EC2 instance of SparkHost " + names.display())
          .assumeRolePolicyDocument(json(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
              "Effect", "Allow", "Principal", Map.of("Service", "ec2.amazonaws.com"), "Action", "sts:AssumeRole")))))));
      changed = true;
    }
    JsonNode wanted = JSON.valueToTree(policy(bucket, partition));
    if (!wanted.equals(currentPolicy(iam, names.role()))) {
      iam.putRolePolicy(p -> p.roleName(names.role()).policyName(POLICY_NAME).policyDocument(json(wanted)));
      changed = true;
    }
    InstanceProfile profile;
    try {
      profile = iam.getInstanceProfile(g -> g.instanceProfileName(names.role())).instanceProfile();
    } catch (IamException e) {
      if (!Ec2Errors.notFound(e)) {
        throw e;
      }
      createIgnoringExisting(() -> iam.createInstanceProfile(c -> c.instanceProfileName(names.role()).tags(iamTags)));
      profile = iam.getInstanceProfile(g -> g.instanceProfileName(names.role())).instanceProfile();
      changed = true;
    }
    if (profile.roles().stream().noneMatch(r -> names.role().equals(r.roleName()))) {
      iam.addRoleToInstanceProfile(a -> a.instanceProfileName(names.role()).roleName(names.role()));
      changed = true;
    }
    return new Profile(profile.arn(), changed);
  }

  /** Removes the profile and the role; each step is skipped when already done. */
  void delete(IamClient iam, HostNames names) {
    ignoringMissing(() -> iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(names.role()).roleName(names.role())));
    ignoringMissing(() -> iam.deleteInstanceProfile(d -> d.instanceProfileName(names.role())));
    ignoringMissing(() -> iam.deleteRolePolicy(d -> d.roleName(names.role()).policyName(POLICY_NAME)));
    ignoringMissing(() -> iam.deleteRole(d -> d.roleName(names.role())));
  }

  /** The partition of a region's ARNs. */
  static String partition(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  static Map<String, Object> policy(String bucket, String partition) {
    String arn = "arn:" + partition + ":s3:::" + bucket;
    return Map.of("Version", "2012-10-17", "Statement", List.of(
        Map.of("Sid", "ListTheBucket", "Effect", "Allow", "Action", List.of("s3:ListBucket", "s3:GetBucketLocation"),
            "Resource", arn),
        Map.of("Sid", "ReadTheBucket", "Effect", "Allow", "Action", List.of("s3:GetObject"), "Resource", arn + "/*"),
        Map.of("Sid", "WriteResults", "Effect", "Allow", "Action", List.of("s3:PutObject", "s3:AbortMultipartUpload"),
            "Resource", arn + "/results/*")));
  }

  /** The inline policy as JSON (IAM returns it URL-encoded), null when there is none. */
  private static JsonNode currentPolicy(IamClient iam, String role) {
    try {
      String document = iam.getRolePolicy(g -> g.roleName(role).policyName(POLICY_NAME)).policyDocument();
      return JSON.readTree(document.startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8));
    } catch (IamException e) {
      if (Ec2Errors.notFound(e)) {
        return null;
      }
      throw e;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void createIgnoringExisting(Runnable create) {
    try {
      create.run();
    } catch (IamException e) {
      if (!"EntityAlreadyExists".equals(Ec2Errors.code(e))) {
        throw e;
      }
    }
  }

  private static void ignoringMissing(Runnable step) {
    try {
      step.run();
    } catch (IamException e) {
      if (!Ec2Errors.notFound(e)) {
        throw e;
      }
    }
  }
}
