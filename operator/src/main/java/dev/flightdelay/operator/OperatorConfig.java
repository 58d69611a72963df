package dev.flightdelay.operator;

import dev.flightdelay.operator.policy.Cidr;
import dev.flightdelay.operator.policy.ImagePolicy;
import dev.flightdelay.operator.policy.NamespaceSet;
import dev.flightdelay.operator.policy.SeedAddressPolicy;
import dev.flightdelay.operator.policy.TenancyPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The operator's settings, from environment variables, overridden by --flags of the same name
 * (FLIGHTDELAY_WATCH_NAMESPACES is --watch-namespaces).
 *
 * @param watchNamespaces namespaces to watch; empty watches all
 * @param leaderElection run only while holding the Lease leaseName in leaseNamespace
 * @param leaseTiming how long a Lease holds, and how often it is renewed and sought
 * @param reconcileThreads resources reconciled at once
 * @param defaultRegion the AWS region of a resource that names none
 * @param s3Endpoint an S3 endpoint override for every DataBucket without its own (S3-compatible
 *     stores, emulators); null for AWS
 * @param ec2Endpoint an EC2 and IAM endpoint override (an emulator serving both); null for AWS
 * @param healthPort the port of /healthz, /readyz and /metrics
 * @param resyncInterval how often a resource is checked again when nothing happens
 * @param seedBackoff the wait after a first failed seed, doubled for each further one
 * @param serverSideApply patch resources with server-side apply (off only for API servers that
 *     lack it, such as test doubles)
 * @param jobImage the spark-job image of a DelayAnalysis that names none
 * @param images the images a DelayAnalysis may name: the job image and those an admin allows
 * @param driverApiServer the API server as a driver pod reaches it (its spark.master)
 * @param localClasspath the classpath of runner: local jobs
 * @param localWorkDir where runner: local jobs keep their logs and summaries
 * @param stsEndpoint an STS endpoint override (for namespace roles); null for AWS
 * @param policy what an admin allows each namespace (identity, adoption, local runs, files, seeds)
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    LeaseTiming leaseTiming,
    int reconcileThreads,
    String defaultRegion,
    URI s3Endpoint,
    URI ec2Endpoint,
    int healthPort,
    Duration resyncInterval,
    Duration seedBackoff,
    boolean serverSideApply,
    String jobImage,
    ImagePolicy images,
    String driverApiServer,
    String localClasspath,
    Path localWorkDir,
    URI stsEndpoint,
    TenancyPolicy policy) {

  /** The settings README.md documents and the Helm chart sets, with their defaults. */
  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("FLIGHTDELAY_WATCH_NAMESPACES", ""),
          Map.entry("FLIGHTDELAY_LEADER_ELECTION", "false"),
          Map.entry("FLIGHTDELAY_LEASE_NAME", "flight-delay-operator"),
          Map.entry("FLIGHTDELAY_LEASE_NAMESPACE", ""),
          Map.entry("FLIGHTDELAY_LEASE_DURATION_SECONDS", "15"),
          Map.entry("FLIGHTDELAY_LEASE_RENEW_DEADLINE_SECONDS", "10"),
          Map.entry("FLIGHTDELAY_LEASE_RETRY_PERIOD_SECONDS", "2"),
          Map.entry("FLIGHTDELAY_RECONCILE_THREADS", "10"),
          Map.entry("FLIGHTDELAY_DEFAULT_REGION", "us-east-1"),
          Map.entry("FLIGHTDELAY_S3_ENDPOINT", ""),
          Map.entry("FLIGHTDELAY_EC2_ENDPOINT", ""),
          Map.entry("FLIGHTDELAY_HEALTH_PORT", "8080"),
          Map.entry("FLIGHTDELAY_RESYNC_SECONDS", "300"),
          Map.entry("FLIGHTDELAY_SEED_BACKOFF_SECONDS", "10"),
          Map.entry("FLIGHTDELAY_SERVER_SIDE_APPLY", "true"),
          Map.entry("FLIGHTDELAY_JOB_IMAGE", "flight-delay-job:" + Version.OPERATOR),
          Map.entry("FLIGHTDELAY_ALLOWED_IMAGES", ""),
          Map.entry("FLIGHTDELAY_DRIVER_API_SERVER", "https://kubernetes.default.svc"),
          Map.entry("FLIGHTDELAY_LOCAL_CLASSPATH", ""),
          Map.entry("FLIGHTDELAY_LOCAL_WORK_DIR", ""),
          Map.entry("FLIGHTDELAY_STS_ENDPOINT", ""),
          Map.entry("FLIGHTDELAY_OPERATOR_IDENTITY_NAMESPACES", ""),
          Map.entry("FLIGHTDELAY_NAMESPACE_ROLES", ""),
          Map.entry("FLIGHTDELAY_ADOPT_NAMESPACES", ""),
          Map.entry("FLIGHTDELAY_EMPTY_ADOPTED_NAMESPACES", ""),
          Map.entry("FLIGHTDELAY_LOCAL_RUNNER", "false"),
          Map.entry("FLIGHTDELAY_FILE_ROOTS", ""),
          Map.entry("FLIGHTDELAY_SEED_ALLOW_HTTP", "false"),
          Map.entry("FLIGHTDELAY_SEED_ALLOWED_CIDRS", ""),
          Map.entry("FLIGHTDELAY_SEED_DENIED_CIDRS", ""),
          Map.entry("FLIGHTDELAY_SEED_CONNECT_TIMEOUT_SECONDS", "10"),
          Map.entry("FLIGHTDELAY_SEED_READ_TIMEOUT_SECONDS", "60"),
          Map.entry("FLIGHTDELAY_SEED_MAX_BYTES", "10737418240"),
          Map.entry("FLIGHTDELAY_RELEASE_WITHOUT_CREDENTIALS_SECONDS", "300"));

  /** The pod's namespace: where the Lease is, unless FLIGHTDELAY_LEASE_NAMESPACE says. */
  public static final String POD_NAMESPACE = "POD_NAMESPACE";
  /** The AWS SDK's region variable: the default region, unless FLIGHTDELAY_DEFAULT_REGION says. */
  public static final String AWS_REGION = "AWS_REGION";

  public static OperatorConfig from(Map<String, String> environment, String[] args) {
    Map<String, String> values = new HashMap<>(DEFAULTS);
    DEFAULTS.keySet().forEach(key -> {
      if (environment.get(key) != null) {
        values.put(key, environment.get(key));
      }
    });
    if (environment.get(AWS_REGION) != null && environment.get("FLIGHTDELAY_DEFAULT_REGION") == null) {
      values.put("FLIGHTDELAY_DEFAULT_REGION", environment.get(AWS_REGION));
    }
    if (values.get("FLIGHTDELAY_LEASE_NAMESPACE").isEmpty() && environment.get(POD_NAMESPACE) != null) {
      values.put("FLIGHTDELAY_LEASE_NAMESPACE", environment.get(POD_NAMESPACE));
    }
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      String key = "FLIGHTDELAY_" + arg.substring(2, arg.indexOf('=')).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException("unknown option " + arg.substring(0, arg.indexOf('=')));
      }
      values.put(key, arg.substring(arg.indexOf('=') + 1));
    }
    Set<String> namespaces = new LinkedHashSet<>();
    Arrays.stream(values.get("FLIGHTDELAY_WATCH_NAMESPACES").split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).forEach(namespaces::add);
    boolean leaderElection = Boolean.parseBoolean(values.get("FLIGHTDELAY_LEADER_ELECTION"));
    if (leaderElection && values.get("FLIGHTDELAY_LEASE_NAMESPACE").isEmpty()) {
      throw new IllegalArgumentException("leader election needs FLIGHTDELAY_LEASE_NAMESPACE (or POD_NAMESPACE)");
    }
    return new OperatorConfig(
        Set.copyOf(namespaces),
        leaderElection,
        values.get("FLIGHTDELAY_LEASE_NAME"),
        values.get("FLIGHTDELAY_LEASE_NAMESPACE"),
        leaseTiming(values),
        positive(values, "FLIGHTDELAY_RECONCILE_THREADS"),
        values.get("FLIGHTDELAY_DEFAULT_REGION"),
        uri(values.get("FLIGHTDELAY_S3_ENDPOINT")),
        uri(values.get("FLIGHTDELAY_EC2_ENDPOINT")),
        positive(values, "FLIGHTDELAY_HEALTH_PORT"),
        Duration.ofSeconds(positive(values, "FLIGHTDELAY_RESYNC_SECONDS")),
        Duration.ofSeconds(positive(values, "FLIGHTDELAY_SEED_BACKOFF_SECONDS")),
        Boolean.parseBoolean(values.get("FLIGHTDELAY_SERVER_SIDE_APPLY")),
        values.get("FLIGHTDELAY_JOB_IMAGE"),
        ImagePolicy.parse(values.get("FLIGHTDELAY_JOB_IMAGE"), values.get("FLIGHTDELAY_ALLOWED_IMAGES")),
        values.get("FLIGHTDELAY_DRIVER_API_SERVER"),
        values.get("FLIGHTDELAY_LOCAL_CLASSPATH").isBlank()
            ? System.getProperty("java.class.path") : values.get("FLIGHTDELAY_LOCAL_CLASSPATH"),
        values.get("FLIGHTDELAY_LOCAL_WORK_DIR").isBlank()
            ? Path.of(System.getProperty("java.io.tmpdir"), "flight-delay-runs") : Path.of(values.get("FLIGHTDELAY_LOCAL_WORK_DIR")),
        uri(values.get("FLIGHTDELAY_STS_ENDPOINT")),
        policy(values));
  }

  /**
   * Client-go's Lease timing: a standby takes over at most duration after the leader's last
   * renewal; a leader that cannot renew within renewDeadline gives the Lease up (and exits) before
   * it can expire under it; every retryPeriod a replica tries to renew or acquire it.
   */
  public record LeaseTiming(Duration duration, Duration renewDeadline, Duration retryPeriod) {
    public LeaseTiming {
      if (renewDeadline.compareTo(duration) >= 0 || retryPeriod.compareTo(renewDeadline) >= 0) {
        throw new IllegalArgumentException("the Lease timing needs FLIGHTDELAY_LEASE_RETRY_PERIOD_SECONDS < "
            + "FLIGHTDELAY_LEASE_RENEW_DEADLINE_SECONDS < FLIGHTDELAY_LEASE_DURATION_SECONDS, got "
            + retryPeriod.toSeconds() + ", " + renewDeadline.toSeconds() + ", " + duration.toSeconds());
      }
    }
  }

  private static LeaseTiming leaseTiming(Map<String, String> values) {
    return new LeaseTiming(Duration.ofSeconds(positive(values, "FLIGHTDELAY_LEASE_DURATION_SECONDS")),
        Duration.ofSeconds(positive(values, "FLIGHTDELAY_LEASE_RENEW_DEADLINE_SECONDS")),
        Duration.ofSeconds(positive(values, "FLIGHTDELAY_LEASE_RETRY_PERIOD_SECONDS")));
  }

  private static TenancyPolicy policy(Map<String, String> values) {
    SeedAddressPolicy seeds = new SeedAddressPolicy(
        Boolean.parseBoolean(values.get("FLIGHTDELAY_SEED_ALLOW_HTTP")),
        Cidr.parseList(values.get("FLIGHTDELAY_SEED_ALLOWED_CIDRS")),
        Cidr.parseList(values.get("FLIGHTDELAY_SEED_DENIED_CIDRS")),
        Duration.ofSeconds(positive(values, "FLIGHTDELAY_SEED_CONNECT_TIMEOUT_SECONDS")),
        Duration.ofSeconds(positive(values, "FLIGHTDELAY_SEED_READ_TIMEOUT_SECONDS")),
        positiveLong(values, "FLIGHTDELAY_SEED_MAX_BYTES"));
    return new TenancyPolicy(
        NamespaceSet.parse(values.get("FLIGHTDELAY_OPERATOR_IDENTITY_NAMESPACES")),
        TenancyPolicy.parseRoles(values.get("FLIGHTDELAY_NAMESPACE_ROLES")),
        NamespaceSet.parse(values.get("FLIGHTDELAY_ADOPT_NAMESPACES")),
        NamespaceSet.parse(values.get("FLIGHTDELAY_EMPTY_ADOPTED_NAMESPACES")),
        Boolean.parseBoolean(values.get("FLIGHTDELAY_LOCAL_RUNNER")),
        TenancyPolicy.parseRoots(values.get("FLIGHTDELAY_FILE_ROOTS")),
        seeds,
        Duration.ofSeconds(positive(values, "FLIGHTDELAY_RELEASE_WITHOUT_CREDENTIALS_SECONDS")));
  }

  private static long positiveLong(Map<String, String> values, String key) {
    try {
      long value = Long.parseLong(values.get(key).strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + " must be a positive whole number, got '" + values.get(key) + "'");
  }

  private static int positive(Map<String, String> values, String key) {
    long value = positiveLong(values, key);
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + ", got '" + values.get(key) + "'");
    }
    return (int) value;
  }

  private static URI uri(String value) {
    return value == null || value.isBlank() ? null : URI.create(value.strip());
  }
}
