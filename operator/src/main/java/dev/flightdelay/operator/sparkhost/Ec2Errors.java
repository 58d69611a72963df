package dev.flightdelay.operator.sparkhost;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Reads the error code of an EC2 or IAM answer. */
final class Ec2Errors {

  private Ec2Errors() {}

  static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
  }

  /** EC2's "no such thing" codes: InvalidGroup.NotFound, InvalidKeyPair.NotFound, InvalidInstanceID.NotFound. */
  static boolean notFound(AwsServiceException e) {
    String code = code(e);
    return code.endsWith(".NotFound") || code.equals("NoSuchEntity");
  }
}
