package dev.flightdelay.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An EC2 instance with Spark and Jupyter, reachable only from allowed networks. */
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@ShortNames("sph")
@Categories(ApiGroup.CATEGORY)
@ValidationRule(value = "has(self.spec)", message = "spec is required", fieldPath = ".spec")
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "INSTANCE", jsonPath = ".status.instanceId")
@AdditionalPrinterColumn(name = "STATE", jsonPath = ".status.instanceState")
@AdditionalPrinterColumn(name = "JUPYTER", jsonPath = ".status.jupyterUrl")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SparkHost extends CustomResource<SparkHostSpec, SparkHostStatus>
    implements Namespaced {}
