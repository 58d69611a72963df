package dev.flightdelay.operator.policy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cluster admin allows the users of each namespace: the one place every reconciler asks
 * before it acts on someone's behalf with something that is not theirs (the operator's cloud
 * identity, its files, its network position, buckets it did not create). Everything here is off
 * by default: a namespace user reaches nothing beyond their namespace unless an admin says so.
 *
 * @param operatorIdentityNamespaces namespaces whose resources may use the operator's own AWS
 *     identity when they name no credentials Secret
 * @param namespaceRoles namespace to the IAM role the operator assumes (STS AssumeRole, the
 *     namespace as session name) for resources there that name no Secret
 * @param adoptNamespaces namespaces whose DataBuckets may adopt a bucket the operator did not create
 * @param emptyAdoptedNamespaces namespaces where emptyOnDelete may empty an adopted bucket
 * @param localRunner whether runner: local (jobs as child processes of the operator) is allowed
 * @param fileRoots directories file: inputs and outputs must lie under; none allows no file: URI
 * @param seeds the addresses, schemes, time and size a seed URL is allowed
 * @param releaseWithoutCredentialsAfter how long a DataBucket with deletionPolicy Delete waits
 *     for usable credentials before it lets go, leaving the bucket behind
 */
public record TenancyPolicy(
    NamespaceSet operatorIdentityNamespaces,
    Map<String, String> namespaceRoles,
    NamespaceSet adoptNamespaces,
    NamespaceSet emptyAdoptedNamespaces,
    boolean localRunner,
    List<Path> fileRoots,
    SeedAddressPolicy seeds,
    Duration releaseWithoutCredentialsAfter) {

  /** The reason on a Ready condition when a policy refused the spec. */
  public static final String FORBIDDEN = "Forbidden";

  private static final String ROLE_ARN = "arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}";

  /** A policy refusal: the field refused and why, with the setting that would allow it. */
  public record Refusal(String field, String message) {
    public String text() {
      return field + ": " + message;
    }
  }

  /** As whom AWS is called for a resource. */
  public sealed interface Identity permits FromSecret, AssumedRole, OperatorOwn, Refused {}

  /** The resource's own credentials Secret. */
  public record FromSecret() implements Identity {}

  /** The role an admin mapped to the resource's namespace. */
  public record AssumedRole(String roleArn, String sessionName) implements Identity {}

  /** The operator's own identity, which an admin allowed in the resource's namespace. */
  public record OperatorOwn() implements Identity {}

  public record Refused(Refusal refusal) implements Identity {}

  public TenancyPolicy {
    namespaceRoles = Map.copyOf(namespaceRoles);
    fileRoots = fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    namespaceRoles.forEach((namespace, role) -> {
      if (!role.matches(ROLE_ARN)) {
        throw new IllegalArgumentException("FLIGHTDELAY_NAMESPACE_ROLES: '" + role + "' for namespace " + namespace
            + " is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
      }
    });
  }

  /**
   * Parses FLIGHTDELAY_NAMESPACE_ROLES: {@code namespace=roleArn} pairs separated by commas.
   */
  public static Map<String, String> parseRoles(String text) {
    Map<String, String> roles = new LinkedHashMap<>();
    for (String pair : text == null ? new String[0] : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("FLIGHTDELAY_NAMESPACE_ROLES: expected namespace=roleArn, got '" + pair.strip() + "'");
      }
      roles.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return roles;
  }

  /** Parses a comma-separated list of directories. */
  public static List<Path> parseRoots(String text) {
    return text == null || text.isBlank() ? List.of()
        : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
  }

  /**
   * Whose AWS identity serves a resource in namespace: its Secret when it names one, else the
   * role mapped to the namespace, else the operator's own where allowed, else none.
   *
   * @param field the spec field that names the Secret, for the refusal
   */
  public Identity identityFor(String namespace, boolean namesSecret, String field) {
    if (namesSecret) {
      return new FromSecret();
    }
    String role = namespaceRoles.get(namespace);
    if (role != null) {
      return new AssumedRole(role, namespace.length() >= 2 ? namespace : namespace + "-ns");
    }
    if (operatorIdentityNamespaces.contains(namespace)) {
      return new OperatorOwn();
    }
    return new Refused(new Refusal(field, "is required in namespace " + namespace
        + ": the operator's own AWS identity is not for this namespace, and no IAM role is mapped to it"
        + " (an admin allows either with FLIGHTDELAY_OPERATOR_IDENTITY_NAMESPACES or FLIGHTDELAY_NAMESPACE_ROLES)"));
  }

  public Optional<Refusal> localRunnerRefusal() {
    return localRunner ? Optional.empty() : Optional.of(new Refusal("spec.runner",
        "local runs jobs inside the operator's pod and is not enabled on this operator (FLIGHTDELAY_LOCAL_RUNNER)"));
  }

  /** Refuses a file: URI outside the configured roots; other URIs pass. */
  public Optional<Refusal> fileRefusal(String field, String uri) {
    if (uri == null || !uri.regionMatches(true, 0, "file:", 0, 5)) {
      return Optional.empty();
    }
    if (fileRoots.isEmpty()) {
      return Optional.of(new Refusal(field, "file: URIs are not enabled on this operator (FLIGHTDELAY_FILE_ROOTS)"));
    }
    Path path;
    try {
      path = Path.of(URI.create(uri)).toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) {
      return Optional.of(new Refusal(field, "is not a file: URI of an absolute path"));
    }
    Path real = realPath(path);
    if (fileRoots.stream().noneMatch(root -> path.startsWith(root) && real.startsWith(realPath(root)))) {
      return Optional.of(new Refusal(field, "is outside the directories file: URIs may name (FLIGHTDELAY_FILE_ROOTS)"));
    }
    return Optional.empty();
  }

  public boolean mayAdopt(String namespace) {
    return adoptNamespaces.contains(namespace);
  }

  public boolean mayEmptyAdopted(String namespace) {
    return emptyAdoptedNamespaces.contains(namespace);
  }

  /** The path with links resolved, as far as it exists here (the rest as written). */
  private static Path realPath(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path)).normalize();
    } catch (IOException e) {
      return path;
    }
  }
}
