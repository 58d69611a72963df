package dev.flightdelay.operator.sparkhost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.operator.FaultProxy;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBucketController;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Throttling and 5xx answers between the SDK and EC2: a WireMock proxy in front of moto answers
 * the first RunInstances and DescribeInstances calls with RequestLimitExceeded and
 * InternalError. The SDK's retries and the operator's back-off must still end with one instance.
 */
@ExtendWith(MotoExtension.class)
class SparkHostFaultTest {

  @AutoClose
  private FaultProxy proxy;
  @AutoClose
  private OperatorHarness harness;

  @BeforeEach
  void startProxy(MotoServer moto) {
    proxy = FaultProxy.in(moto);
  }

  @Test
  void launchesExactlyOneInstanceThroughThrottlingAndServerErrors(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    // More faults than the SDK's five attempts on RunInstances: the operator's back-off takes over.
    failFirst("Action=RunInstances", "run", ec2Error(503, "RequestLimitExceeded"), ec2Error(500, "InternalError"),
        ec2Error(503, "RequestLimitExceeded"), ec2Error(503, "Unavailable"), ec2Error(500, "InternalError"),
        ec2Error(503, "RequestLimitExceeded"));
    failFirst("Action=DescribeInstances", "describe", ec2Error(503, "RequestLimitExceeded"), ec2Error(500, "InternalError"),
        ec2Error(503, "RequestLimitExceeded"));
    harness = OperatorHarness.startWithS3At(proxy.endpoint(), DataBucketController.NONE);

    SparkHosts.create(harness.client(), "stormy", s -> { });
    SparkHost ready = SparkHosts.awaitReady(harness.client(), "stormy");

    assertThat(SparkHosts.liveInstances(moto)).extracting(Instance::instanceId).containsExactly(ready.getStatus().getInstanceId());
    assertThat(proxy.server().findAll(postRequestedFor(anyUrl()).withRequestBody(containing("Action=RunInstances"))))
        .as("six faults, then launched").hasSize(7);
    assertThat(ready.getStatus().getClientToken()).isEqualTo(ready.getMetadata().getUid() + "-1");
    assertThat(SparkHosts.eventReasons(harness.client(), "stormy")).containsOnlyOnce("InstanceLaunched");
  }

  private static ResponseDefinitionBuilder ec2Error(int status, String code) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>" + code
            + " injected by the test proxy</Message></Error></Errors><RequestID>test</RequestID></Response>");
  }

  /** The first times an EC2 action is called, answer with these faults; after that, moto answers. */
  private void failFirst(String action, String scenario, ResponseDefinitionBuilder... faults) {
    proxy.failFirst(() -> post(anyUrl()).withRequestBody(containing(action)), scenario, faults);
  }
}
