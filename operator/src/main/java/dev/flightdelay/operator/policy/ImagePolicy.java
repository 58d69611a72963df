package dev.flightdelay.operator.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The images a DelayAnalysis may run its driver and executors in. The pods get the DataBucket's
 * credentials as environment variables and run as a ServiceAccount of the namespace, so the image
 * decides who holds them: by default only the operator's own job image, more only as an admin lists.
 *
 * @param jobImage the operator's job image (FLIGHTDELAY_JOB_IMAGE), always allowed
 * @param allowed image-reference prefixes (FLIGHTDELAY_ALLOWED_IMAGES); {@value #ANY} allows any image
 */
public record ImagePolicy(String jobImage, List<String> allowed) {

  public static final String ANY = "*";

  public ImagePolicy {
    allowed = List.copyOf(allowed);
    allowed.forEach(prefix -> {
      if (!ANY.equals(prefix) && !prefix.matches("[A-Za-z0-9._:/@-]+")) {
        throw new IllegalArgumentException("FLIGHTDELAY_ALLOWED_IMAGES: '" + prefix
            + "' is not an image reference prefix such as ghcr.io/acme/ (or * for any image)");
      }
    });
  }

  /** Parses FLIGHTDELAY_ALLOWED_IMAGES: prefixes separated by commas. */
  public static ImagePolicy parse(String jobImage, String text) {
    return new ImagePolicy(jobImage, text == null ? List.of()
        : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  /**
   * Refuses an image that is neither the job image nor under an allowed prefix; null (the job
   * image) passes. The refusal does not repeat the image: the user wrote it.
   */
  public Optional<TenancyPolicy.Refusal> refusal(String field, String image) {
    if (image == null || image.equals(jobImage) || allowed.stream().anyMatch(prefix -> covers(prefix, image))) {
      return Optional.empty();
    }
    return Optional.of(new TenancyPolicy.Refusal(field, "is not an image this operator runs: only its job image "
        + jobImage + (allowed.isEmpty() ? "" : " and images under " + String.join(", ", allowed))
        + " (an admin allows more with FLIGHTDELAY_ALLOWED_IMAGES)"));
  }

  /**
   * A prefix ending in '/', ':' or '@' covers everything below it; any other names one repository
   * (any tag or digest of it), so ghcr.io/acme/job does not cover ghcr.io/acme/job-evil.
   */
  private static boolean covers(String prefix, String image) {
    if (ANY.equals(prefix)) {
      return true;
    }
    if (prefix.endsWith("/") || prefix.endsWith(":") || prefix.endsWith("@")) {
      return image.startsWith(prefix);
    }
    return image.equals(prefix) || image.startsWith(prefix + ":") || image.startsWith(prefix + "@");
  }
}
