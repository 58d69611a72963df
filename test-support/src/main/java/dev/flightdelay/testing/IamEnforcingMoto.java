package dev.flightdelay.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A moto that enforces IAM policies, set up for tenancy tests: an "operator" user allowed only to
 * assume roles, per tenant a role and a user both limited to buckets named after the tenant
 * ({@code team-a*}), and an "auditor" user that may read and write every bucket, for the test's
 * own checks. Moto answers the first N requests without authentication (its
 * INITIAL_NO_AUTH_ACTION_COUNT); N is exactly the set-up calls, so every request after set-up is
 * checked against the policies.
 */
public final class IamEnforcingMoto implements AutoCloseable {

  public static final String ACCOUNT = "123456789012";
  private static final int CALLS_PER_USER = 3;
  private static final int CALLS_PER_ROLE = 2;

  private final MotoServer moto;
  private final Map<String, AwsBasicCredentials> users = new LinkedHashMap<>();

  private IamEnforcingMoto(MotoServer moto) {
    this.moto = moto;
  }

  /** Starts moto and sets up the operator, the auditor and each tenant. */
  public static IamEnforcingMoto start(List<String> tenants) {
    int setupCalls = CALLS_PER_USER * (2 + tenants.size()) + CALLS_PER_ROLE * tenants.size();
    MotoServer moto = MotoServer.start(System.getProperty("moto.python", "python3"),
        Map.of("INITIAL_NO_AUTH_ACTION_COUNT", String.valueOf(setupCalls)));
    IamEnforcingMoto iam = new IamEnforcingMoto(moto);
    try (IamClient client = IamClient.builder().endpointOverride(moto.endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY))).build()) {
      iam.user(client, "operator", allow("sts:AssumeRole", "*"));
      iam.user(client, "auditor", allow("s3:*", "*"));
      for (String tenant : tenants) {
        String buckets = "[\"arn:aws:s3:::" + tenant + "*\", \"arn:aws:s3:::" + tenant + "*/*\"]";
        iam.user(client, tenant, allow("s3:*", buckets));
        client.createRole(r -> r.roleName(tenant + "-role").assumeRolePolicyDocument(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + ACCOUNT + ":user/operator\"},\"Action\":\"sts:AssumeRole\"}]}"));
        client.putRolePolicy(p -> p.roleName(tenant + "-role").policyName("buckets").policyDocument(allow("s3:*", buckets)));
      }
    } catch (RuntimeException e) {
      moto.close();
      throw e;
    }
    iam.requireEnforcement();
    return iam;
  }

  public MotoServer moto() {
    return moto;
  }

  /** Keys of the operator's own identity: it may assume the tenant roles, nothing else. */
  public AwsCredentials operatorCredentials() {
    return users.get("operator");
  }

  /** Keys of a tenant's IAM user, limited to the tenant's buckets. */
  public AwsCredentials tenantCredentials(String tenant) {
    return users.get(tenant);
  }

  public String roleArn(String tenant) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + tenant + "-role";
  }

  /** An S3 client that sees every bucket, for checks the test makes itself. */
  public S3Client auditorS3() {
    return S3Client.builder().endpointOverride(moto.endpoint()).forcePathStyle(true).region(Region.of(MotoServer.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(users.get("auditor"))).build();
  }

  @Override
  public void close() {
    moto.close();
  }

  private void user(IamClient client, String name, String policy) {
    client.createUser(u -> u.userName(name));
    AccessKey key = client.createAccessKey(k -> k.userName(name)).accessKey();
    client.putUserPolicy(p -> p.userName(name).policyName("access").policyDocument(policy));
    users.put(name, AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
  }

  /** Fails unless an unknown key is refused: set-up must have used up every free request. */
  private void requireEnforcement() {
    try (S3Client stranger = S3Client.builder().endpointOverride(moto.endpoint()).forcePathStyle(true)
        .region(Region.of(MotoServer.REGION)).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDSTRANGER", "stranger"))).build()) {
      stranger.listBuckets();
    } catch (SdkException expected) {
      return;
    }
    close();
    throw new IllegalStateException("moto answered an unknown key: it does not enforce IAM policies");
  }

  private static String allow(String action, String resource) {
    String resources = resource.startsWith("[") ? resource : "\"" + resource + "\"";
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
        + "\",\"Resource\":" + resources + "}]}";
  }
}
