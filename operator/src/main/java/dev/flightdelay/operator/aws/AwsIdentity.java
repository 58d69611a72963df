package dev.flightdelay.operator.aws;

/** As whom the operator calls AWS for one resource. */
public sealed interface AwsIdentity permits AwsIdentity.SecretKeys, AwsIdentity.Role, AwsIdentity.Operator {

  /** Keys from the resource's own credentials Secret. */
  record SecretKeys(StaticCredentials credentials) implements AwsIdentity {}

  /**
   * A role the operator assumes for the resource's namespace, the namespace as session name so
   * CloudTrail tells the tenants apart.
   */
  record Role(String roleArn, String sessionName) implements AwsIdentity {}

  /** The operator's own identity (the SDK default chain: IRSA, Pod Identity, instance profile). */
  record Operator() implements AwsIdentity {}
}
