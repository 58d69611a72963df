package dev.flightdelay.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flightdelay.api.v1alpha1.Manifests.Document;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/gitops points Argo CD and Flux at the quick start of this repository. Their own CRDs
 * are not here, so what is checked is what they would read: the paths, the source they share,
 * and a health check for every kind of the API. (The health check itself runs in the operator's
 * tests, against statuses the operator wrote.)
 */
class GitOpsExamplesTest {

  private static final Path GITOPS = Manifests.EXAMPLES.resolve("gitops");

  @Test
  void argoCdSyncsTheQuickstartOfThisRepository() {
    JsonNode application = only("argocd-application.yaml", "Application").content();

    assertThat(application.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
    assertQuickstart(application.at("/spec/source/path").asText());
    assertThat(application.at("/spec/source/repoURL").asText()).endsWith("/flight-delay-operator.git");
  }

  @Test
  void fluxAppliesTheQuickstartFromTheSameRepositoryAndWaitsForItsResources() {
    List<Document> documents = Manifests.documents(GITOPS.resolve("flux-kustomization.yaml"));
    JsonNode source = documents.stream().filter(d -> d.kind().equals("GitRepository")).findFirst().orElseThrow().content();
    JsonNode kustomization = documents.stream().filter(d -> d.kind().equals("Kustomization")).findFirst().orElseThrow().content();

    assertThat(kustomization.at("/spec/sourceRef/name").asText()).isEqualTo(source.at("/metadata/name").asText());
    assertThat(kustomization.at("/spec/sourceRef/kind").asText()).isEqualTo("GitRepository");
    assertQuickstart(kustomization.at("/spec/path").asText());
    assertThat(kustomization.at("/spec/wait").asBoolean()).isTrue();
    assertThat(source.at("/spec/url").asText())
        .isEqualTo(only("argocd-application.yaml", "Application").content().at("/spec/source/repoURL").asText());
  }

  @Test
  void argoCdHasAHealthCheckForEveryKindOfTheApi() {
    JsonNode data = only("argocd-health.yaml", "ConfigMap").content().path("data");

    assertThat(Manifests.CRD_BY_KIND.keySet()).allSatisfy(kind ->
        assertThat(data.has("resource.customizations.health." + ApiGroup.NAME + "_" + kind)).as(kind).isTrue());
  }

  private static Document only(String file, String kind) {
    List<Document> documents = Manifests.documents(GITOPS.resolve(file));
    assertThat(documents).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(kind));
    return documents.get(0);
  }

  private static void assertQuickstart(String path) {
    Path resolved = Manifests.PROJECT_ROOT.resolve(path).normalize();
    assertThat(resolved).isEqualTo(Manifests.EXAMPLES.resolve("quickstart"));
    assertThat(Manifests.documentsUnder(resolved)).extracting(Document::kind).containsExactly("DataBucket", "DelayAnalysis");
  }
}
