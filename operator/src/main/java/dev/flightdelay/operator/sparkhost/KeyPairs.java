package dev.flightdelay.operator.sparkhost;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2 key pairs: the generated one imported from the Secret's public key, or the spec's own. */
final class KeyPairs {

  /** Imports the public key under name unless EC2 has it already; true when imported now. */
  boolean ensureImported(Ec2Client ec2, String name, String publicKey, Map<String, String> tags) {
    if (describe(ec2, name).isPresent()) {
      return false;
    }
    try {
      ec2.importKeyPair(i -> i.keyName(name).publicKeyMaterial(SdkBytes.fromString(publicKey, StandardCharsets.US_ASCII))
          .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.KEY_PAIR)
              .tags(SecurityGroups.ec2Tags(tags)).build()));
      return true;
    } catch (Ec2Exception e) {
      if ("InvalidKeyPair.Duplicate".equals(Ec2Errors.code(e))) {
        return false;
      }
      throw e;
    }
  }

  Optional<KeyPairInfo> describe(Ec2Client ec2, String name) {
    try {
      return ec2.describeKeyPairs(d -> d.keyNames(name).includePublicKey(true)).keyPairs().stream().findFirst();
    } catch (Ec2Exception e) {
      if (Ec2Errors.notFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  void delete(Ec2Client ec2, String name) {
    try {
      ec2.deleteKeyPair(d -> d.keyName(name));
    } catch (Ec2Exception e) {
      if (!Ec2Errors.notFound(e)) {
        throw e;
      }
    }
  }
}
