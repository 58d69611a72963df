package dev.flightdelay.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import java.io.File;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Generates the CRDs of the three kinds into the directory given (the build runs it into
 * target/classes/META-INF/fabric8), with the printer columns in the order the model declares
 * them, as kubectl shows them: the generator alone sorts them by JSON path, AGE first.
 */
public final class GenerateCrds {

  private static final Map<String, Class<?>> KINDS =
      Map.of("DataBucket", DataBucket.class, "SparkHost", SparkHost.class, "DelayAnalysis", DelayAnalysis.class);

  private GenerateCrds() {}

  public static void main(String[] args) {
    File output = new File(args[0]);
    if (!output.isDirectory() && !output.mkdirs()) {
      throw new IllegalStateException("cannot create " + output);
    }
    new CRDGenerator()
        .inOutputDir(output)
        .forCRDVersions("v1")
        .customResourceClasses(DataBucket.class, SparkHost.class, DelayAnalysis.class)
        .withPostProcessor(new SparkConfRules())
        .generate();
  }

  /**
   * Writes the spec.spark.conf allowlist into the DelayAnalysis schema (CEL rules, value
   * length and description), from the list the operator checks too, then orders the printer columns.
   */
  private static final class SparkConfRules implements CRDPostProcessor {

    @Override
    public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
      CustomResourceDefinition crd = (CustomResourceDefinition) resource;
      if ("DelayAnalysis".equals(crd.getSpec().getNames().getKind())) {
        crd.getSpec().getVersions().forEach(version -> {
          JSONSchemaProps conf = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties()
              .get("spark").getProperties().get("conf");
          conf.setDescription(SparkConfAllowlist.description());
          conf.getAdditionalProperties().getSchema().setMaxLength((long) SparkConfAllowlist.MAX_VALUE_LENGTH);
          conf.setXKubernetesValidations(SparkConfAllowlist.celRules().stream()
              .map(rule -> new ValidationRuleBuilder().withRule(rule.rule()).withMessage(rule.message()).build())
              .toList());
        });
      }
      return new DeclaredColumnOrder().process(crd);
    }
  }

  /** Orders additionalPrinterColumns as the kind's @AdditionalPrinterColumn annotations are. */
  private static final class DeclaredColumnOrder {

    HasMetadata process(CustomResourceDefinition crd) {
      List<String> declared =
          Arrays.stream(KINDS.get(crd.getSpec().getNames().getKind()).getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      crd.getSpec().getVersions().forEach(version -> {
        if (version.getAdditionalPrinterColumns() != null) {
          version.getAdditionalPrinterColumns()
              .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName())));
        }
      });
      return crd;
    }
  }
}
