package dev.flightdelay.operator.sparkhost;

import dev.flightdelay.api.v1alpha1.ImageFilter;
import dev.flightdelay.api.v1alpha1.SparkHostSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * The AMI to launch: spec.imageId, else the newest available image matching spec.imageFilter,
 * else the newest Debian 12 image Debian publishes. Never a fixed AMI id: ids differ per region
 * and go stale.
 */
final class ImageLookup {

  /** The AMI and the device its root volume is attached as (for the encrypted gp3 mapping). */
  record Found(String imageId, String name, String rootDeviceName) {}

  /** Debian's own AWS account, which publishes the official Debian images. */
  static final String DEBIAN_OWNER = "136693071363";
  static final String DEBIAN_12_NAME = "debian-12-amd64-*";

  Optional<Found> find(Ec2Client ec2, SparkHostSpec spec) {
    if (spec.getImageId() != null) {
      try {
        return ec2.describeImages(d -> d.imageIds(spec.getImageId())).images().stream().findFirst().map(ImageLookup::found);
      } catch (Ec2Exception e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
            && e.awsErrorDetails().errorCode().startsWith("InvalidAMIID")) {
          return Optional.empty();
        }
        throw e;
      }
    }
    ImageFilter filter = spec.getImageFilter() == null ? debian12() : spec.getImageFilter();
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.builder().name("name").values(filter.getName()).build());
    filters.add(Filter.builder().name("state").values("available").build());
    if (filter.getArchitecture() != null) {
      filters.add(Filter.builder().name("architecture").values(filter.getArchitecture().name()).build());
    }
    List<String> owners = filter.getOwners() == null ? List.of() : filter.getOwners();
    return ec2.describeImagesPaginator(d -> d.filters(filters).owners(owners)).images().stream()
        .max(Comparator.comparing((Image i) -> i.creationDate() == null ? "" : i.creationDate())
            .thenComparing(i -> i.name() == null ? "" : i.name()))
        .map(ImageLookup::found);
  }

  /** What the lookup asks for, said in a condition when nothing matches. */
  static String describe(SparkHostSpec spec) {
    if (spec.getImageId() != null) {
      return "image " + spec.getImageId() + " (spec.imageId)";
    }
    ImageFilter filter = spec.getImageFilter() == null ? debian12() : spec.getImageFilter();
    return "an available image named " + filter.getName()
        + (filter.getOwners() == null || filter.getOwners().isEmpty() ? "" : " owned by " + String.join(", ", filter.getOwners()))
        + (filter.getArchitecture() == null ? "" : " for " + filter.getArchitecture())
        + (spec.getImageFilter() == null ? " (the default: set spec.imageId or spec.imageFilter)" : " (spec.imageFilter)");
  }

  private static ImageFilter debian12() {
    ImageFilter filter = new ImageFilter();
    filter.setName(DEBIAN_12_NAME);
    filter.setOwners(List.of(DEBIAN_OWNER));
    filter.setArchitecture(ImageFilter.Architecture.x86_64);
    return filter;
  }

  private static Found found(Image image) {
    return new Found(image.imageId(), image.name(), image.rootDeviceName() == null ? "/dev/xvda" : image.rootDeviceName());
  }
}
