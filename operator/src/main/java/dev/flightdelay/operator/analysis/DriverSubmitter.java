package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.job.FlightDelayJob;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.k8s.KubernetesDriverConf;
import org.apache.spark.deploy.k8s.KubernetesDriverSpec;
import org.apache.spark.deploy.k8s.submit.JavaMainAppResource;
import org.apache.spark.deploy.k8s.submit.KubernetesClientUtils;
import org.apache.spark.deploy.k8s.submit.KubernetesDriverBuilder;
import org.apache.spark.util.SystemClock;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Submits a driver the way spark-submit's Kubernetes client does (Spark's feature steps build the
 * pod, its conf ConfigMap and its Service), in this JVM and through the operator's client, with
 * three differences: every name is deterministic (so a restarted operator finds the pod instead
 * of creating another), the DelayAnalysis owns the pod, and an existing pod is adopted.
 */
public final class DriverSubmitter {

  private static final String CONF_VOLUME = "spark-conf-volume-driver";
  private static final String CONF_DIR = "/opt/spark/conf";

  private final KubernetesClient client;

  public DriverSubmitter(KubernetesClient client) {
    this.client = client;
  }

  /** What was submitted: the driver pod, and whether this call created it. */
  public record Submitted(Pod pod, boolean created) {}

  public Submitted submit(DelayAnalysis analysis, AttemptNames names, SparkConf conf, List<String> appArgs) {
    KubernetesDriverConf driverConf = new KubernetesDriverConf(conf, names.applicationId(),
        new JavaMainAppResource(Option.apply(SparkConfFactory.JOB_JAR)), FlightDelayJob.class.getName(),
        appArgs.toArray(String[]::new), Option.apply(null), new SystemClock());
    KubernetesDriverSpec spec = new KubernetesDriverBuilder().buildFromFeatures(driverConf, client);
    String namespace = analysis.getMetadata().getNamespace();

    List<HasMetadata> dependents = new ArrayList<>(CollectionConverters.asJava(spec.driverKubernetesResources()));
    Map<String, String> systemProperties = new HashMap<>(CollectionConverters.asJava(spec.systemProperties()));
    nameServiceDeterministically(dependents, names, namespace, systemProperties);
    Map<String, String> confFiles =
        KubernetesClientUtils.buildSparkConfDirFilesMapJava(names.configMap(), conf, systemProperties);
    ConfigMap configMap = KubernetesClientUtils.buildConfigMapJava(names.configMap(), confFiles, Map.of());
    configMap.getMetadata().setNamespace(namespace);
    dependents.add(configMap);

    Container container = new ContainerBuilder(spec.pod().container())
        .addNewEnv().withName("SPARK_CONF_DIR").withValue(CONF_DIR).endEnv()
        .addNewVolumeMount().withName(CONF_VOLUME).withMountPath(CONF_DIR).endVolumeMount()
        .withTerminationMessagePath(JobArguments.TERMINATION_LOG)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
    Pod pod = new PodBuilder(spec.pod().pod())
        .editMetadata().withNamespace(namespace).withOwnerReferences(controllerReference(analysis)).endMetadata()
        .editSpec()
          .addToContainers(container)
          .addNewVolume().withName(CONF_VOLUME)
            .withNewConfigMap().withName(names.configMap())
              .withItems(KubernetesClientUtils.buildKeyToPathObjectsJava(confFiles)).endConfigMap()
          .endVolume()
        .endSpec()
        .build();

    Pod driver;
    boolean created;
    try {
      driver = client.pods().inNamespace(namespace).resource(pod).create();
      created = true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      driver = client.pods().inNamespace(namespace).withName(names.driverPod()).get();
      created = false;
      if (driver == null) {
        throw e;
      }
    }
    // After the pod, owned by it, as Spark's own client does; a restart that finds the pod comes
    // through here again, so dependents lost to a crash in between are made then.
    OwnerReference ownedByDriver = ownerReference(driver);
    for (HasMetadata resource : concat(CollectionConverters.asJava(spec.driverPreKubernetesResources()), dependents)) {
      resource.getMetadata().setOwnerReferences(List.of(ownedByDriver));
      apply(resource, namespace);
    }
    return new Submitted(driver, created);
  }

  /**
   * Spark names the driver service from a random id; a deterministic name (and the driver host
   * that follows from it) lets a restarted operator rebuild the very same resources.
   */
  private static void nameServiceDeterministically(List<HasMetadata> resources, AttemptNames names, String namespace,
      Map<String, String> systemProperties) {
    for (HasMetadata resource : resources) {
      if (resource instanceof Service service) {
        service.getMetadata().setName(names.service());
        service.getMetadata().setNamespace(namespace);
        systemProperties.put("spark.driver.host", names.service() + "." + namespace + ".svc");
      }
    }
  }

  private void apply(HasMetadata resource, String namespace) {
    resource.getMetadata().setNamespace(namespace);
    client.resource(resource).inNamespace(namespace).createOr(NonDeletingOperation::update);
  }

  static OwnerReference controllerReference(DelayAnalysis analysis) {
    return new OwnerReferenceBuilder()
        .withApiVersion(analysis.getApiVersion())
        .withKind(analysis.getKind())
        .withName(analysis.getMetadata().getName())
        .withUid(analysis.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static OwnerReference ownerReference(Pod driver) {
    return new OwnerReferenceBuilder()
        .withApiVersion("v1")
        .withKind("Pod")
        .withName(driver.getMetadata().getName())
        .withUid(driver.getMetadata().getUid())
        .withController(true)
        .build();
  }

  private static List<HasMetadata> concat(List<HasMetadata> a, List<HasMetadata> b) {
    List<HasMetadata> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
