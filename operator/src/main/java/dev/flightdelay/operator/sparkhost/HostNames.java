package dev.flightdelay.operator.sparkhost;

import dev.flightdelay.api.v1alpha1.SparkHost;
import java.util.Map;

/**
 * The names and tags of everything made for one SparkHost, derived from its namespace, name
 * and uid: a restarted operator finds them again without status, and a SparkHost deleted and
 * created again under the same name is another owner.
 *
 * @param owner the owner tag value, namespace/name/uid
 * @param securityGroup the security group's name (unique per VPC)
 * @param keyPair the generated key pair's name
 * @param role the IAM role and instance profile name (IAM allows 64 characters)
 * @param secret the Secret holding the private key and the Jupyter token
 */
record HostNames(String owner, String display, String securityGroup, String keyPair, String role, String secret) {

  /** The tag key that marks what the operator made for a SparkHost. */
  static final String OWNER_TAG = "flightdelay.dev/owner";
  static final String MANAGED_BY = "flight-delay-operator";

  private static final int EC2_NAME_LIMIT = 255;
  private static final int SECRET_NAME_LIMIT = 253;

  static HostNames of(SparkHost host) {
    String namespace = host.getMetadata().getNamespace();
    String name = host.getMetadata().getName();
    String uid = host.getMetadata().getUid();
    String readable = "flightdelay-" + namespace + "-" + name;
    String ec2Name = cut(readable, EC2_NAME_LIMIT - uid.length() - 1) + "-" + uid;
    String secret = cut(name, SECRET_NAME_LIMIT - "-access".length()) + "-access";
    return new HostNames(namespace + "/" + name + "/" + uid, namespace + "/" + name, ec2Name, ec2Name,
        "flightdelay-sph-" + uid, secret);
  }

  /** The tags of every EC2 and IAM resource made for the host: the spec's, a Name, the owner. */
  Map<String, String> tags(Map<String, String> specTags) {
    var tags = new java.util.LinkedHashMap<String, String>();
    tags.put("Name", display);
    if (specTags != null) {
      tags.putAll(specTags);
    }
    tags.put(OWNER_TAG, owner);
    tags.put("app.kubernetes.io/managed-by", MANAGED_BY);
    return tags;
  }

  private static String cut(String text, int limit) {
    String cut = text.length() <= limit ? text : text.substring(0, limit);
    return cut.endsWith("-") || cut.endsWith(".") ? cut.substring(0, cut.length() - 1) : cut;
  }
}
