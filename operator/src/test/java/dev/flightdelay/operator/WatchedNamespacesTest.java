package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.operator.databucket.DataBucketTestAccess;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator that watches a list of namespaces asks the API server about nothing else, so that
 * the chart's Role in each of those namespaces is all it needs (no ClusterRole).
 */
@ExtendWith(MotoExtension.class)
class WatchedNamespacesTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void reconcilesInItsNamespacesOnlyAndSendsNoRequestBeyondThem(MotoServer moto) {
    harness = OperatorHarness.startWatching(moto, Set.of(OperatorHarness.NAMESPACE));
    harness.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("elsewhere").endMetadata().build()).create();
    DataBucket unwatched = new DataBucket();
    unwatched.setMetadata(new ObjectMetaBuilder().withName("unwatched").withNamespace("elsewhere").build());
    unwatched.setSpec(new DataBucketSpec());
    unwatched.getSpec().setBucketName("unwatched");
    harness.client().resource(unwatched).create();

    DataBucketTestAccess.createAndAwaitReady(harness, "watched", "watched");

    assertThat(harness.client().resources(DataBucket.class).inNamespace("elsewhere").withName("unwatched").get().getStatus())
        .isNull();

    assertThat(harness.api().takeRequestsFrom(FlightDelayOperator.USER_AGENT)).isNotEmpty()
        .allSatisfy(request -> assertThat(request).contains("/namespaces/" + OperatorHarness.NAMESPACE + "/"));
  }
}
