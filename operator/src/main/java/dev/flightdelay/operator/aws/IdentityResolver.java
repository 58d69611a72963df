package dev.flightdelay.operator.aws;

import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.operator.policy.TenancyPolicy;

/**
 * Decides the AWS identity of a resource from what the admin allows its namespace: the
 * resource's Secret, the namespace's role, or the operator's own identity; any kind uses it.
 */
public final class IdentityResolver {

  /** Why a resource has no identity to call AWS with; the field and reason for its status. */
  public static final class NoIdentity extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String reason;

    NoIdentity(String field, String reason, String message) {
      super(message);
      this.field = field;
      this.reason = reason;
    }

    public String field() {
      return field;
    }

    /** InvalidSpec (an unusable Secret) or Forbidden (a policy refusal). */
    public String reason() {
      return reason;
    }

    public String text() {
      return field + ": " + getMessage();
    }
  }

  private final TenancyPolicy policy;
  private final CredentialsSecretReader secrets;

  public IdentityResolver(TenancyPolicy policy, CredentialsSecretReader secrets) {
    this.policy = policy;
    this.secrets = secrets;
  }

  /**
   * @param field the spec field naming the Secret, e.g. spec.credentialsSecretRef
   */
  public AwsIdentity resolve(String namespace, LocalObjectRef secretRef, String field) throws NoIdentity {
    TenancyPolicy.Identity decided = policy.identityFor(namespace, secretRef != null, field);
    if (decided instanceof TenancyPolicy.Refused refused) {
      throw new NoIdentity(refused.refusal().field(), TenancyPolicy.FORBIDDEN, refused.refusal().message());
    }
    if (decided instanceof TenancyPolicy.AssumedRole role) {
      return new AwsIdentity.Role(role.roleArn(), role.sessionName());
    }
    if (decided instanceof TenancyPolicy.OperatorOwn) {
      return new AwsIdentity.Operator();
    }
    try {
      return new AwsIdentity.SecretKeys(secrets.read(namespace, secretRef).orElseThrow());
    } catch (CredentialsSecretReader.UnusableSecret e) {
      throw new NoIdentity(field, "InvalidSpec", e.getMessage());
    }
  }
}
