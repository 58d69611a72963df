package dev.flightdelay.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Spark run that ranks carriers by delay; the ranking lands in the status. */
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@Plural("delayanalyses")
@ShortNames("dla")
@Categories(ApiGroup.CATEGORY)
@ValidationRule(value = "has(self.spec)", message = "spec is required", fieldPath = ".spec")
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "MOST-DELAYED", jsonPath = ".status.mostDelayedCarrier")
@AdditionalPrinterColumn(
    name = "ATTEMPTS",
    jsonPath = ".status.attempts",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "ROWS",
    jsonPath = ".status.rowsRead",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(name = "DRIVER", jsonPath = ".status.driverPod", priority = 1)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class DelayAnalysis extends CustomResource<DelayAnalysisSpec, DelayAnalysisStatus>
    implements Namespaced {}
