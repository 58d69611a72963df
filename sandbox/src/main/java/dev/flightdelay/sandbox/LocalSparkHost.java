package dev.flightdelay.sandbox;

import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SparkHost;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * examples/sparkhost.yaml pointed at the EC2 API the user gave (moto): its default region, the
 * sandbox's keys, the quick start's bucket, the default subnet, and open to this machine only.
 */
final class LocalSparkHost {

  private LocalSparkHost() {}

  static SparkHost from(Path example, String credentialsSecret, String dataBucket) {
    SparkHost host;
    try (InputStream in = Files.newInputStream(example)) {
      host = Serialization.unmarshal(in, SparkHost.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + example, e);
    }
    host.getSpec().setRegion("us-east-1");
    host.getSpec().setCredentialsSecretRef(new LocalObjectRef(credentialsSecret));
    host.getSpec().setSubnetId(null);
    host.getSpec().setDataBucketRef(new LocalObjectRef(dataBucket));
    host.getSpec().setAllowedCidrs(List.of("127.0.0.1/32"));
    return host;
  }
}
