package dev.flightdelay.job;

import org.apache.hadoop.fs.s3a.auth.NoAwsCredentialsException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Web identity (IRSA: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN exchanged at STS) as a link of
 * S3A's credential chain. The SDK's WebIdentityTokenFileCredentialsProvider cannot be that link
 * itself: on a pod without IRSA it throws IllegalStateException, and S3A's chain only moves on
 * past SdkException and NoAwsCredentialsException, so Pod Identity and the instance profile after
 * it would never be tried. This one says "none here" the way S3A understands.
 */
public final class OptionalWebIdentityCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {

  /** Null when this process has no web identity. */
  private final WebIdentityTokenFileCredentialsProvider webIdentity;

  /** S3A builds its providers by reflection: public, no arguments. */
  public OptionalWebIdentityCredentialsProvider() {
    boolean configured = SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue().isPresent()
        && SdkSystemSetting.AWS_ROLE_ARN.getStringValue().isPresent();
    this.webIdentity = configured ? WebIdentityTokenFileCredentialsProvider.create() : null;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    if (webIdentity == null) {
      throw new NoAwsCredentialsException(
          getClass().getSimpleName(), "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set");
    }
    return webIdentity.resolveCredentials();
  }

  @Override
  public void close() {
    if (webIdentity != null) {
      webIdentity.close();
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + (webIdentity == null ? "(none)" : "(" + webIdentity + ")");
  }
}
