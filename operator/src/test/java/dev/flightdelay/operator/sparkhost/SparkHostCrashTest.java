package dev.flightdelay.operator.sparkhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.operator.FlightDelayOperator;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.analysis.DelayAnalysisController;
import dev.flightdelay.operator.databucket.DataBucketController;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The operator dies between RunInstances and writing the instance id to status: moto does not
 * dedupe client tokens, so only the tag lookup keeps the restarted operator from launching a
 * second machine (cluster-api-provider-aws issue 5794).
 */
@ExtendWith(MotoExtension.class)
class SparkHostCrashTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void aRestartedOperatorAdoptsTheInstanceLaunchedBeforeTheCrash(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    AtomicReference<String> launched = new AtomicReference<>();
    harness = OperatorHarness.start(moto, new FlightDelayOperator.Hooks(DataBucketController.NONE, DelayAnalysisController.NONE,
        new SparkHostController.Hooks(id -> {
          if (launched.compareAndSet(null, id)) {
            throw new IllegalStateException("operator killed right after RunInstances gave " + id);
          }
        })));
    SparkHosts.create(harness.client(), "crashy", s -> { });
    await().atMost(Duration.ofSeconds(60)).until(() -> launched.get() != null);
    harness.stopOperator();

    SparkHost afterCrash = SparkHosts.get(harness.client(), "crashy");
    assertThat(afterCrash.getStatus().getInstanceId()).as("the id never reached status").isNull();
    assertThat(afterCrash.getStatus().getClientToken()).as("the token did, before the call")
        .isEqualTo(afterCrash.getMetadata().getUid() + "-1");
    assertThat(SparkHosts.liveInstances(moto)).hasSize(1);

    harness.startOperator(FlightDelayOperator.NO_HOOKS);
    SparkHost ready = SparkHosts.awaitReady(harness.client(), "crashy");

    assertThat(ready.getStatus().getInstanceId()).isEqualTo(launched.get());
    assertThat(SparkHosts.liveInstances(moto)).extracting(Instance::instanceId).containsExactly(launched.get());
    assertThat(SparkHosts.eventReasons(harness.client(), "crashy")).containsOnlyOnce("InstanceAdopted")
        .as("the launch died before it could say so").doesNotContain("InstanceLaunched");
  }
}
