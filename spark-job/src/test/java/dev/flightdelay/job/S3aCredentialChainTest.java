package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.AWSCredentialProviderList;
import org.apache.hadoop.fs.s3a.auth.CredentialProviderListFactory;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class S3aCredentialChainTest {

  private static final String SPARK_KEY = "spark.hadoop." + S3aCredentialChain.PROVIDERS_KEY;

  @Test
  void setsAChainWithWebIdentityWhenTheUserChoseNone() {
    SparkConf conf = new SparkConf(false);

    S3aCredentialChain.setUnlessChosen(conf, new Configuration());

    assertThat(conf.get(SPARK_KEY).split(","))
        .containsExactlyElementsOf(S3aCredentialChain.PROVIDERS)
        .contains(OptionalWebIdentityCredentialsProvider.class.getName());
  }

  @Test
  void keepsProvidersChosenInTheSparkConf() {
    SparkConf conf = new SparkConf(false).set(SPARK_KEY, "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");

    S3aCredentialChain.setUnlessChosen(conf, new Configuration());

    assertThat(conf.get(SPARK_KEY)).isEqualTo("org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
  }

  @Test
  void keepsProvidersChosenInAHadoopSiteFile() {
    Configuration hadoop = new Configuration();
    String coreSite = "<configuration><property><name>" + S3aCredentialChain.PROVIDERS_KEY
        + "</name><value>org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider</value></property></configuration>";
    hadoop.addResource(new ByteArrayInputStream(coreSite.getBytes(StandardCharsets.UTF_8)), "core-site.xml");
    SparkConf conf = new SparkConf(false);

    S3aCredentialChain.setUnlessChosen(conf, hadoop);

    assertThat(conf.contains(SPARK_KEY)).isFalse();
  }

  /** S3A's own factory builds each provider (by create() or a constructor) from the class name. */
  @Test
  void s3aBuildsEveryProviderOfTheChain() throws Exception {
    Configuration hadoop = new Configuration();
    hadoop.set(S3aCredentialChain.PROVIDERS_KEY, String.join(",", S3aCredentialChain.PROVIDERS));

    try (AWSCredentialProviderList providers =
        CredentialProviderListFactory.createAWSCredentialProviderList(URI.create("s3a://flights"), hadoop)) {
      assertThat(providers.getProviders())
          .extracting(provider -> provider.getClass().getName())
          .containsExactlyElementsOf(S3aCredentialChain.PROVIDERS);
    }
  }
}
