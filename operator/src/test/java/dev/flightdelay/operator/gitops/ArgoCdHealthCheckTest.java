package dev.flightdelay.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.api.v1alpha1.SparkHostSpec;
import dev.flightdelay.operator.FlightDelayOperator;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBucketTestAccess;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health check of examples/gitops, a Lua script, run by a Lua engine (LuaJ) against
 * resources as the API server holds them after the real operator wrote their status. Argo CD
 * hands the script the object as a Lua table, as here.
 */
@ExtendWith(MotoExtension.class)
class ArgoCdHealthCheckTest {

  private static final Path HEALTH_CHECKS = Path.of("..", "examples", "gitops", "argocd-health.yaml");
  private static final String KEY = "resource.customizations.health.flightdelay.dev_";

  private static String script;

  @AutoClose
  private OperatorHarness harness;

  @BeforeAll
  static void readTheScript() throws IOException {
    ConfigMap argocdCm;
    try (InputStream in = Files.newInputStream(HEALTH_CHECKS)) {
      argocdCm = Serialization.unmarshal(in, ConfigMap.class);
    }
    assertThat(argocdCm.getData()).containsOnlyKeys(KEY + "DataBucket", KEY + "SparkHost", KEY + "DelayAnalysis");
    assertThat(argocdCm.getData().values()).as("one script for the three kinds").containsOnly(argocdCm.getData().get(KEY + "DataBucket"));
    script = argocdCm.getData().get(KEY + "DataBucket");
  }

  @Test
  void aReadyResourceOfTheLatestGenerationIsHealthyAndAnEditedOneProgressingUntilSeen(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    DataBucketTestAccess.createAndAwaitReady(harness, "ready", "health-ready");

    assertThat(health(bucket("ready"))).containsEntry("status", "Healthy");

    harness.stopOperator();
    DataBucketTestAccess.edit(harness, "ready", s -> s.setVersioning(true));
    DataBucket stale = bucket("ready");
    assertThat(stale.getStatus().getObservedGeneration()).isLessThan(stale.getMetadata().getGeneration());

    assertThat(health(stale)).containsEntry("status", "Progressing")
        .containsEntry("message", "Waiting for the operator to see generation " + stale.getMetadata().getGeneration());

    harness.startOperator(FlightDelayOperator.NO_HOOKS);
    await().atMost(Duration.ofSeconds(30)).until(() -> "Healthy".equals(health(bucket("ready")).get("status")));
  }

  @Test
  void aRunWaitingForItsDataIsProgressing(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    createAnalysis("waiting", s -> {
      s.setDataBucketRef(new LocalObjectRef("not-there-yet"));
      s.setKey("flights.csv");
    });

    DelayAnalysis waiting = awaitAnalysis("waiting", a -> a.getStatus().getPhase() == Phase.WaitingForData);

    assertThat(health(waiting)).containsEntry("status", "Progressing")
        .hasEntrySatisfying("message", m -> assertThat(m).startsWith("DataBucketNotFound: "));
  }

  @Test
  void aRunTheOperatorGaveUpOnIsDegraded(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    createAnalysis("no-input", s -> { });

    DelayAnalysis failed = awaitAnalysis("no-input", a -> a.getStatus().getPhase() == Phase.Failed);

    assertThat(health(failed)).containsEntry("status", "Degraded")
        .hasEntrySatisfying("message", m -> assertThat(m).startsWith("InvalidSpec: "));
  }

  @Test
  void aResourceTheOperatorHasNotSeenIsProgressing(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    SparkHost host = new SparkHost();
    host.setMetadata(new ObjectMetaBuilder().withName("notebook").withNamespace(OperatorHarness.NAMESPACE).build());
    host.setSpec(new SparkHostSpec());
    harness.client().resource(host).create();

    SparkHost stored = harness.client().resources(SparkHost.class).inNamespace(OperatorHarness.NAMESPACE).withName("notebook").get();

    assertThat(stored.getStatus()).isNull();
    assertThat(health(stored)).containsEntry("status", "Progressing").containsEntry("message", "Waiting for the operator");
  }

  /** What the script returns for resource, as Argo CD would compute it. */
  private static Map<String, String> health(HasMetadata resource) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(Serialization.jsonMapper().valueToTree(resource)));
    LuaValue result = globals.load(script, "health.lua").call();
    return Map.of("status", result.get("status").tojstring(), "message", result.get("message").tojstring());
  }

  private static LuaValue toLua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      node.fields().forEachRemaining(field -> table.set(field.getKey(), toLua(field.getValue())));
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isNull()) {
      return LuaValue.NIL;
    }
    return node.isNumber() ? LuaValue.valueOf(node.asDouble())
        : node.isBoolean() ? LuaValue.valueOf(node.asBoolean()) : LuaValue.valueOf(node.asText());
  }

  private DataBucket bucket(String name) {
    return harness.client().resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
  }

  private void createAnalysis(String name, Consumer<DelayAnalysisSpec> spec) {
    DelayAnalysis analysis = new DelayAnalysis();
    analysis.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(OperatorHarness.NAMESPACE).build());
    analysis.setSpec(new DelayAnalysisSpec());
    spec.accept(analysis.getSpec());
    harness.client().resource(analysis).create();
  }

  private DelayAnalysis awaitAnalysis(String name, Predicate<DelayAnalysis> condition) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      DelayAnalysis seen = harness.client().resources(DelayAnalysis.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
      return seen.getStatus() != null && condition.test(seen);
    });
    return harness.client().resources(DelayAnalysis.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
  }
}
