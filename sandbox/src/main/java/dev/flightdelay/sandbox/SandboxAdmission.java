package dev.flightdelay.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flightdelay.sandbox.kubectl.Admission;
import java.net.URI;
import java.util.Map;

/**
 * What makes manifests written for a cluster on AWS run in the sandbox, applied to every
 * DataBucket and DelayAnalysis written through the sandbox's API, the sandbox's own and kubectl's
 * alike (as a cluster admin's mutating admission policy would):
 *
 * <ul>
 *   <li>a DelayAnalysis that names no runner runs locally: the sandbox has no nodes to run a
 *       driver pod on;
 *   <li>a DataBucket that names neither a credentials Secret nor an endpoint uses the Secret
 *       holding the embedded S3's keys (a local job reads S3 only with a Secret's keys);
 *   <li>a seed URL the sandbox holds a copy of is fetched from the sandbox, so the quick start
 *       needs no network.
 * </ul>
 *
 * <p>What a manifest states is kept: an explicit runner, Secret, endpoint or other URL.
 */
final class SandboxAdmission implements Admission {

  private final String credentialsSecret;
  private final Map<String, URI> localCopies;

  /**
   * @param credentialsSecret the Secret with the embedded S3's keys (in namespace default)
   * @param localCopies URLs of files the sandbox has, and where it serves them
   */
  SandboxAdmission(String credentialsSecret, Map<String, URI> localCopies) {
    this.credentialsSecret = credentialsSecret;
    this.localCopies = Map.copyOf(localCopies);
  }

  @Override
  public ObjectNode admit(String resource, ObjectNode object) {
    ObjectNode spec = object.withObjectProperty("spec");
    switch (resource) {
      case "delayanalyses" -> {
        if (!spec.hasNonNull("runner")) {
          spec.put("runner", "local");
        }
      }
      case "databuckets" -> {
        if (!spec.hasNonNull("credentialsSecretRef") && !spec.hasNonNull("endpoint")) {
          spec.putObject("credentialsSecretRef").put("name", credentialsSecret);
        }
        for (JsonNode seed : spec.path("seed")) {
          URI local = localCopies.get(seed.path("url").asText());
          if (local != null) {
            ((ObjectNode) seed).put("url", local.toString());
          }
        }
      }
      default -> { }
    }
    return object;
  }
}
