package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.status.ReconcileErrors;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.Event;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An exception no code path of the reconcile expects reaches status and is retried. */
@ExtendWith(MotoExtension.class)
class DataBucketErrorStatusTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void anUnexpectedExceptionSetsReadyFalseWithoutItsMessageAndIsRetried(MotoServer moto) {
    AtomicBoolean thrown = new AtomicBoolean();
    harness = OperatorHarness.start(moto, new DataBucketController.Hooks(bucket -> {
      if (thrown.compareAndSet(false, true)) {
        throw new IllegalStateException("bug quoting a credential " + MotoServer.SECRET_ACCESS_KEY);
      }
    }));
    var client = harness.client();
    DataBuckets.create(client, "unlucky", s -> s.setBucketName("unlucky-error-status"));

    DataBucket failed = DataBuckets.awaitReason(client, "unlucky", ReconcileErrors.REASON);
    assertThat(DataBuckets.ready(failed)).hasValueSatisfying(ready -> {
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getMessage()).startsWith("unexpected IllegalStateException while reconciling").doesNotContain(MotoServer.SECRET_ACCESS_KEY);
    });
    assertThat(failed.getStatus().getBucketName()).as("the intent written before CreateBucket is kept")
        .isEqualTo("unlucky-error-status");

    DataBucket ready = DataBuckets.awaitReady(client, "unlucky");
    assertThat(ready.getStatus().getArn()).isEqualTo("arn:aws:s3:::unlucky-error-status");
    assertThat(client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> ReconcileErrors.REASON.equals(e.getReason())).map(Event::getMessage).toList())
        .singleElement().satisfies(message -> assertThat(message).doesNotContain(MotoServer.SECRET_ACCESS_KEY));
  }
}
