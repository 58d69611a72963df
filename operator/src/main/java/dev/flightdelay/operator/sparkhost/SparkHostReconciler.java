package dev.flightdelay.operator.sparkhost;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DeletionPolicy;
import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.api.v1alpha1.SparkHostSpec;
import dev.flightdelay.api.v1alpha1.SparkHostStatus;
import dev.flightdelay.api.v1alpha1.SparkHostStatus.Phase;
import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.operator.aws.AwsClientFactory;
import dev.flightdelay.operator.aws.AwsIdentity;
import dev.flightdelay.operator.aws.AwsTarget;
import dev.flightdelay.operator.status.ReconcileErrors;
import dev.flightdelay.operator.status.Conditions;
import dev.flightdelay.operator.status.ErrorBackoff;
import dev.flightdelay.operator.status.EventRecorder;
import dev.flightdelay.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;

/**
 * Keeps a SparkHost true: observe (validate the spec, find what exists by its tags), act (the
 * Secret, the key pair, the security group and its rules, the instance profile, the instance),
 * record status, every reconcile. Waiting for EC2 (pending, shutting-down) is a re-queue,
 * never a blocking waiter. On delete it terminates and removes everything it made, unless the
 * spec says Retain.
 */
@ControllerConfiguration(name = "sparkhost")
public final class SparkHostReconciler implements Reconciler<SparkHost>, Cleaner<SparkHost> {

  static final String OPEN_TO_INTERNET = "OpenToInternet";
  static final String INSTANCE_LOST = "InstanceLost";

  private static final Logger LOG = LoggerFactory.getLogger(SparkHostReconciler.class);
  private static final String BUCKET_INDEX = "sparkhost-databucket";
  private static final Duration PROGRESS = Duration.ofSeconds(5);
  private static final int SALT_BYTES = 12;

  private final OperatorConfig config;
  private final AwsClientFactory clients;
  private final SparkHostValidator validator;
  private final HostParts parts;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final SparkHostController.Hooks hooks;
  private final Clock clock;
  private final ReconcileErrors errors;

  SparkHostReconciler(OperatorConfig config, AwsClientFactory clients, SparkHostValidator validator, HostParts parts,
      StatusWriter statusWriter, EventRecorder events, SparkHostController.Hooks hooks, Clock clock) {
    this.config = config;
    this.clients = clients;
    this.validator = validator;
    this.parts = parts;
    this.statusWriter = statusWriter;
    this.events = events;
    this.hooks = hooks;
    this.clock = clock;
    this.errors = new ReconcileErrors(statusWriter, events, clock);
  }

  /** A DataBucket that becomes ready (or goes) wakes the SparkHosts that name it. */
  @Override
  public List<EventSource<?, SparkHost>> prepareEventSources(EventSourceContext<SparkHost> context) {
    context.getPrimaryCache().addIndexer(BUCKET_INDEX, host -> bucketKey(host).map(List::of).orElse(List.of()));
    InformerEventSource<DataBucket, SparkHost> buckets = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(DataBucket.class, SparkHost.class)
            .withName("sparkhost-buckets")
            .withSecondaryToPrimaryMapper(bucket -> context.getPrimaryCache()
                .byIndex(BUCKET_INDEX, bucket.getMetadata().getNamespace() + "/" + bucket.getMetadata().getName())
                .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper((SparkHost host) -> bucketKey(host)
                .map(key -> Set.of(new ResourceID(host.getSpec().getDataBucketRef().getName(), host.getMetadata().getNamespace())))
                .orElse(Set.of()))
            .withNamespacesInheritedFromController()
            .build(),
        context);
    return List.of(buckets);
  }

  @Override
  public UpdateControl<SparkHost> reconcile(SparkHost host, Context<SparkHost> context) {
    SparkHostStatus status = statusOf(host);
    Snapshot before = Snapshot.of(status);
    long generation = host.getMetadata().getGeneration();
    Instant now = clock.instant();

    SparkHostValidator.Result check = validator.validate(host);
    if (check instanceof InvalidSpec invalid) {
      // No AWS call, and no re-queue: only a new spec (a new generation) can mend it.
      status.setPhase(Phase.Failed);
      status.setObservedGeneration(generation);
      return refuse(host, context, before, invalid.reason(), invalid.text(), null);
    }
    SparkHostValidator.Valid valid = (SparkHostValidator.Valid) check;
    SparkHostSpec spec = host.getSpec();
    HostNames names = HostNames.of(host);
    recordExposure(host, valid.access(), before, generation, now);

    String bucket = null;
    if (spec.getDataBucketRef() != null) {
      String ref = spec.getDataBucketRef().getName();
      Optional<DataBucket> dataBucket = context.getSecondaryResource(DataBucket.class);
      if (dataBucket.isEmpty()) {
        return waitFor(host, context, before, "DataBucketNotFound",
            "spec.dataBucketRef: DataBucket " + ref + " does not exist in namespace " + host.getMetadata().getNamespace());
      }
      if (dataBucket.get().getStatus() == null || dataBucket.get().getStatus().getBucketName() == null) {
        return waitFor(host, context, before, "DataBucketNotReady",
            "spec.dataBucketRef: DataBucket " + ref + " has no bucket yet; the instance profile needs its name");
      }
      bucket = dataBucket.get().getStatus().getBucketName();
    }
    AwsTarget target = target(spec, valid.identity());
    Map<String, String> tags = names.tags(spec.getTags());
    try {
      Ec2Client ec2 = clients.ec2(target);
      // The Secret first: the private key is kept before EC2 learns its public half.
      Optional<AccessSecret.Contents> secret = parts.secrets().ensure(host, names.secret(), spec.getKeyName() == null);
      if (secret.isEmpty()) {
        return refuse(host, context, before, "SecretNameTaken", "Secret " + names.secret()
            + " exists and does not belong to this SparkHost; the operator keeps the SSH key and the Jupyter token"
            + " there: delete or rename that Secret", config.resyncInterval());
      }
      status.setSecretName(names.secret());
      String publicKey;
      String jupyterToken = secret.get().jupyterToken();
      if (spec.getKeyName() == null) {
        if (parts.keyPairs().ensureImported(ec2, names.keyPair(), secret.get().publicKey(), tags)) {
          events.normal(host, "KeyPairCreated", "imported key pair " + names.keyPair() + "; its private key is in Secret "
              + names.secret());
        }
        status.setKeyName(names.keyPair());
        publicKey = secret.get().publicKey();
      } else {
        Optional<KeyPairInfo> named = parts.keyPairs().describe(ec2, spec.getKeyName());
        if (named.isEmpty()) {
          return refuse(host, context, before, "KeyPairNotFound", "spec.keyName: key pair " + spec.getKeyName()
              + " does not exist in " + target.region(), config.resyncInterval());
        }
        status.setKeyName(spec.getKeyName());
        publicKey = named.get().publicKey();
      }

      Optional<SecurityGroups.Placement> placement = parts.securityGroups().placement(ec2, spec.getSubnetId());
      if (placement.isEmpty()) {
        return refuse(host, context, before, "SubnetNotFound", spec.getSubnetId() == null
            ? "spec.subnetId: " + target.region() + " has no default VPC; name a subnet"
            : "spec.subnetId: subnet " + spec.getSubnetId() + " does not exist in " + target.region(), config.resyncInterval());
      }
      SecurityGroups.Group group = parts.securityGroups().ensure(ec2, names, placement.get(), tags);
      if (group.created()) {
        events.normal(host, "SecurityGroupCreated", "created security group " + group.id());
      }
      status.setSecurityGroupId(group.id());
      SecurityGroups.Changes changes = parts.securityGroups().converge(ec2, group.id(), valid.access().rules());
      if (changes.any() && !group.created()) {
        boolean specChanged = !Long.valueOf(generation).equals(status.getObservedGeneration());
        events.normal(host, specChanged ? "AccessUpdated" : "DriftCorrected", "security group " + group.id() + ": " + changes);
      }

      status.setInstanceProfileArn(bucket == null ? null
          : parts.profiles().ensure(clients.iam(target), names, bucket, InstanceProfiles.partition(target.region()), tags).arn());

      CloudConfig.Values boot = bootValues(host, valid.access(), publicKey, bucket, target, jupyterToken);
      return instance(host, context, before, ec2, names, valid.access(), boot, tags, now);
    } catch (SdkException e) {
      return awsError(host, context, before, e, now);
    }
  }

  /** Finds, adopts or launches the instance, then records what EC2 says of it. */
  private UpdateControl<SparkHost> instance(SparkHost host, Context<SparkHost> context, Snapshot before, Ec2Client ec2,
      HostNames names, Access access, CloudConfig.Values boot, Map<String, String> tags, Instant now) {
    SparkHostStatus status = host.getStatus();
    SparkHostSpec spec = host.getSpec();
    long generation = host.getMetadata().getGeneration();
    Instance instance = parts.instances().find(ec2, names, status.getInstanceId()).orElse(null);
    boolean lost = instance == null ? status.getInstanceId() != null : gone(instance);
    if (lost) {
      Optional<Condition> noted = status.condition(INSTANCE_LOST).filter(c -> Conditions.TRUE.equals(c.getStatus()));
      if (noted.isEmpty()) {
        String message = "instance " + status.getInstanceId() + " was "
            + (instance == null ? "deleted" : instance.state().nameAsString()) + " outside the operator";
        Conditions.set(status, INSTANCE_LOST, true, "TerminatedOutsideOperator", message, generation, now);
      }
      long notedAt = noted.map(Condition::getObservedGeneration).orElse(generation);
      if (notedAt >= generation) {
        status.setInstanceState(instance == null ? "terminated" : instance.state().nameAsString());
        status.setPhase(Phase.Terminated);
        status.setObservedGeneration(generation);
        clearEndpoints(status);
        return refuse(host, context, before, "InstanceTerminated", status.condition(INSTANCE_LOST).get().getMessage()
            + "; change the spec to launch a new one", config.resyncInterval());
      }
      instance = null;
    }
    if (instance == null) {
      Optional<ImageLookup.Found> image = parts.images().find(ec2, spec);
      if (image.isEmpty()) {
        status.setObservedGeneration(generation);
        return refuse(host, context, before, "ImageNotFound", "found no " + ImageLookup.describe(spec)
            + " in " + boot.region(), config.resyncInterval());
      }
      // The token is written before the call: after a crash the same launch is asked for again.
      status.setClientToken(clientToken(host, status.getClientToken(), lost));
      status.setImageId(image.get().imageId());
      status.setInstanceId(null);
      status.setInstanceState(null);
      clearEndpoints(status);
      status.setPhase(Phase.Provisioning);
      statusWriter.write(host, context);
      instance = parts.instances().launch(ec2, new Instances.Launch(status.getClientToken(), image.get().imageId(),
          image.get().rootDeviceName(), spec.getInstanceType() == null ? "m5.xlarge" : spec.getInstanceType(),
          spec.getSubnetId(), status.getSecurityGroupId(), status.getKeyName(), status.getInstanceProfileArn(),
          parts.cloudConfig().render(boot), spec.getRootVolumeGiB() == null ? 30 : spec.getRootVolumeGiB(),
          tags));
      hooks.afterRunInstances().accept(instance.instanceId());
      events.normal(host, "InstanceLaunched", "launched " + instance.instanceId() + " (" + instance.instanceTypeAsString()
          + ", " + image.get().imageId() + " " + image.get().name() + ")");
      status.setConditions(status.getConditions().stream().filter(c -> !INSTANCE_LOST.equals(c.getType())).toList());
    } else if (!instance.instanceId().equals(status.getInstanceId())) {
      events.normal(host, "InstanceAdopted", "found " + instance.instanceId() + " tagged as this SparkHost's and adopted it");
    }
    record(status, instance, names, access, spec.getKeyName() == null);
    status.setObservedGeneration(generation);
    InstanceStateName state = instance.state().name();
    if (state == InstanceStateName.PENDING) {
      status.setPhase(Phase.Provisioning);
      status.setMessage("instance " + instance.instanceId() + " is starting");
      Conditions.set(status, Conditions.READY, false, "InstancePending", status.getMessage(), generation, now);
      return finish(host, context, before, PROGRESS);
    }
    if (state == InstanceStateName.RUNNING) {
      status.setPhase(Phase.Running);
      status.setMessage(null);
      Conditions.set(status, Conditions.READY, true, "InstanceRunning", "instance " + instance.instanceId() + " is running"
          + (status.getJupyterUrl() == null ? "" : "; Jupyter at " + status.getJupyterUrl()
              + " (it may take a few minutes after first boot)"), generation, now);
      return finish(host, context, before, config.resyncInterval());
    }
    status.setPhase(Phase.Failed);
    String message = "instance " + instance.instanceId() + " is " + instance.state().nameAsString()
        + ": it was stopped outside the operator; start it again with EC2";
    return refuse(host, context, before, "InstanceStopped", message, config.resyncInterval());
  }

  /** An exception the reconcile did not handle: said in Ready, retried with back-off. */
  @Override
  public ErrorStatusUpdateControl<SparkHost> updateErrorStatus(SparkHost resource, Context<SparkHost> context, Exception e) {
    return errors.report(resource, context, e, SparkHostStatus::new);
  }

  @Override
  public DeleteControl cleanup(SparkHost host, Context<SparkHost> context) {
    SparkHostStatus status = statusOf(host);
    SparkHostSpec spec = host.getSpec();
    HostNames names = HostNames.of(host);
    if (spec == null || spec.getDeletionPolicy() == DeletionPolicy.Retain) {
      parts.secrets().release(host, names.secret());
      LOG.info("SparkHost {} deleted; instance {}, its security group, key pair and Secret retained", names.display(),
          status.getInstanceId());
      return DeleteControl.defaultDelete();
    }
    Snapshot before = Snapshot.of(status);
    Instant now = clock.instant();
    SparkHostValidator.Result check = validator.identity(host);
    if (check instanceof InvalidSpec invalid) {
      return waitForCredentials(host, context, before, invalid.text(), now);
    }
    AwsTarget target = target(spec, ((SparkHostValidator.Valid) check).identity());
    try {
      Ec2Client ec2 = clients.ec2(target);
      if (!parts.instances().terminate(ec2, names, status.getInstanceId())) {
        status.setPhase(Phase.Terminating);
        status.setInstanceState("shutting-down");
        String message = "terminating instance " + status.getInstanceId();
        status.setMessage(message);
        Conditions.set(status, Conditions.READY, false, "Terminating", message, host.getMetadata().getGeneration(), now);
        finish(host, context, before, null);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(PROGRESS);
      }
      if (!parts.securityGroups().delete(ec2, names, status.getSecurityGroupId())) {
        // The terminated instance's network interface lets go of the group a little later.
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(PROGRESS);
      }
      if (spec.getKeyName() == null) {
        parts.keyPairs().delete(ec2, names.keyPair());
      }
      if (spec.getDataBucketRef() != null || status.getInstanceProfileArn() != null) {
        parts.profiles().delete(clients.iam(target), names);
      }
      parts.secrets().delete(host, names.secret());
      LOG.info("SparkHost {} deleted with instance {}, its security group, key pair and instance profile", names.display(),
          status.getInstanceId());
      return DeleteControl.defaultDelete();
    } catch (SdkException e) {
      awsError(host, context, before, e, now);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(errorBackoff(before, now));
    }
  }

  /**
   * Deleting without usable credentials (as when the namespace goes: its Secrets go first) waits
   * a bounded time for them, then lets go and leaves the instance, so a namespace never hangs.
   */
  private DeleteControl waitForCredentials(SparkHost host, Context<SparkHost> context, Snapshot before, String problem,
      Instant now) {
    Duration waited = Duration.between(Instant.parse(host.getMetadata().getDeletionTimestamp()), now);
    Duration limit = config.policy().releaseWithoutCredentialsAfter();
    String what = "instance " + host.getStatus().getInstanceId() + " and security group " + host.getStatus().getSecurityGroupId();
    if (waited.compareTo(limit) >= 0) {
      String message = what + " left in place: no usable credentials to delete them for " + limit.toSeconds() + "s (" + problem + ")";
      LOG.warn("SparkHost {}: {}", HostNames.of(host).display(), message);
      events.warning(host, "InstanceLeftBehind", message);
      return DeleteControl.defaultDelete();
    }
    String message = "cannot delete " + what + ": " + problem + "; they are left in place after " + limit.toSeconds()
        + "s without usable credentials";
    refuse(host, context, before, "CredentialsUnavailable", message, null);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(ErrorBackoff.shorter(limit.minus(waited), config.resyncInterval()));
  }

  /** What the first boot is given; a fresh salt for the password hash each time. */
  private CloudConfig.Values bootValues(SparkHost host, Access access, String publicKey, String bucket, AwsTarget target,
      String jupyterToken) {
    byte[] salt = new byte[SALT_BYTES];
    parts.random().nextBytes(salt);
    SparkHostSpec spec = host.getSpec();
    return new CloudConfig.Values(HostNames.of(host).display(),
        spec.getSparkVersion() == null ? "4.1.1" : spec.getSparkVersion(),
        spec.getHadoopVersion() == null ? "3" : spec.getHadoopVersion(), access.sshPort(), access.jupyterPort(), publicKey,
        bucket, target.region(), jupyterToken, HexFormat.of().formatHex(salt));
  }

  /** The open-to-the-world warning: a condition while it lasts, an event when it starts. */
  private void recordExposure(SparkHost host, Access access, Snapshot before, long generation, Instant now) {
    SparkHostStatus status = host.getStatus();
    if (access.openToWorld()) {
      String message = "spec.allowedCidrs lists " + Access.WORLD + ": " + ports(access) + " open to every IPv4 address";
      Conditions.set(status, OPEN_TO_INTERNET, true, "WorldCidrAllowed", message, generation, now);
      if (!before.openToInternet()) {
        events.warning(host, OPEN_TO_INTERNET, message);
      }
    } else if (status.condition(OPEN_TO_INTERNET).isPresent()) {
      Conditions.set(status, OPEN_TO_INTERNET, false, "AllowedCidrsOnly", "open only to spec.allowedCidrs", generation, now);
    }
  }

  private static String ports(Access access) {
    return access.rules().stream().map(IngressRule::port).distinct().map(p -> "port " + p).collect(Collectors.joining(" and "));
  }

  private static void record(SparkHostStatus status, Instance instance, HostNames names, Access access, boolean generatedKey) {
    status.setInstanceId(instance.instanceId());
    status.setInstanceState(instance.state().nameAsString());
    status.setImageId(instance.imageId());
    status.setPublicDnsName(blankToNull(instance.publicDnsName()));
    status.setPublicIp(blankToNull(instance.publicIpAddress()));
    status.setPrivateIp(blankToNull(instance.privateIpAddress()));
    status.setLaunchTime(instance.launchTime() == null ? null : instance.launchTime().toString());
    String address = status.getPublicDnsName() != null ? status.getPublicDnsName() : status.getPublicIp();
    status.setJupyterUrl(address == null || access.jupyterPort() == null ? null
        : "https://" + address + ":" + access.jupyterPort() + "/lab");
    if (address == null || access.sshPort() == null) {
      status.setSshCommand(null);
    } else {
      String key = generatedKey ? names.secret() + ".pem" : status.getKeyName() + ".pem";
      String fetch = generatedKey ? "kubectl get secret " + names.secret() + " -o jsonpath='{.data.ssh-privatekey}' | base64 -d > "
          + key + " && chmod 600 " + key + " && " : "";
      status.setSshCommand(fetch + "ssh -i " + key + " -p " + access.sshPort() + " spark@" + address);
    }
  }

  private static void clearEndpoints(SparkHostStatus status) {
    status.setPublicDnsName(null);
    status.setPublicIp(null);
    status.setPrivateIp(null);
    status.setJupyterUrl(null);
    status.setSshCommand(null);
  }

  private static boolean gone(Instance instance) {
    return instance.state().name() == InstanceStateName.TERMINATED || instance.state().name() == InstanceStateName.SHUTTING_DOWN;
  }

  /**
   * uid-N: N counts the launches of this SparkHost. A launch whose instance was never recorded
   * asks again with the same token (EC2 answers with the instance that token made); a new
   * launch after a lost instance takes the next N.
   */
  static String clientToken(SparkHost host, String current, boolean previousLost) {
    String uid = host.getMetadata().getUid();
    int launch = 1;
    if (current != null && current.startsWith(uid + "-")) {
      launch = Integer.parseInt(current.substring(uid.length() + 1)) + (previousLost ? 1 : 0);
    }
    return uid + "-" + launch;
  }

  private UpdateControl<SparkHost> waitFor(SparkHost host, Context<SparkHost> context, Snapshot before, String reason,
      String message) {
    host.getStatus().setPhase(Phase.Pending);
    host.getStatus().setObservedGeneration(host.getMetadata().getGeneration());
    return refuse(host, context, before, reason, message, config.resyncInterval());
  }

  /** Ready=False with reason and message; a Warning event when the reason is new. */
  private UpdateControl<SparkHost> refuse(SparkHost host, Context<SparkHost> context, Snapshot before, String reason,
      String message, Duration requeue) {
    SparkHostStatus status = host.getStatus();
    status.setMessage(message);
    Conditions.set(status, Conditions.READY, false, reason, message, host.getMetadata().getGeneration(), clock.instant());
    if (!reason.equals(before.readyReason()) || !message.equals(before.readyMessage())) {
      events.warning(host, reason, message);
    }
    return finish(host, context, before, requeue);
  }

  /** An AWS failure: said in status, retried after a back-off that doubles while it lasts. */
  private UpdateControl<SparkHost> awsError(SparkHost host, Context<SparkHost> context, Snapshot before, SdkException e,
      Instant now) {
    String reason = e instanceof AwsServiceException aws && !Ec2Errors.code(aws).isEmpty() ? Ec2Errors.code(aws) : "AwsError";
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (!host.isMarkedForDeletion()) {
      host.getStatus().setObservedGeneration(host.getMetadata().getGeneration());
    }
    return refuse(host, context, before, reason, message, errorBackoff(before, now));
  }

  private static Duration errorBackoff(Snapshot before, Instant now) {
    return ErrorBackoff.after(before.ready(), before.readySince(), now);
  }

  private UpdateControl<SparkHost> finish(SparkHost host, Context<SparkHost> context, Snapshot before, Duration requeue) {
    statusWriter.write(host, context);
    Snapshot after = Snapshot.of(host.getStatus());
    if (!after.equals(before)) {
      LOG.info("SparkHost {}: phase {} -> {}, Ready {} ({}), instance {}", HostNames.of(host).display(), before.phase(),
          after.phase(), after.ready(), after.readyReason(), host.getStatus().getInstanceId());
    }
    UpdateControl<SparkHost> control = UpdateControl.noUpdate();
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  private AwsTarget target(SparkHostSpec spec, AwsIdentity identity) {
    String region = spec.getRegion() == null ? config.defaultRegion() : spec.getRegion();
    java.net.URI endpoint = spec.getEndpoint() != null ? java.net.URI.create(spec.getEndpoint()) : config.ec2Endpoint();
    return new AwsTarget(region, endpoint, false, identity);
  }

  private static Optional<String> bucketKey(SparkHost host) {
    return host.getSpec() == null || host.getSpec().getDataBucketRef() == null ? Optional.empty()
        : Optional.of(host.getMetadata().getNamespace() + "/" + host.getSpec().getDataBucketRef().getName());
  }

  private static SparkHostStatus statusOf(SparkHost host) {
    if (host.getStatus() == null) {
      host.setStatus(new SparkHostStatus());
    }
    return host.getStatus();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** What a log line and an event compare before and after a reconcile. */
  private record Snapshot(Phase phase, boolean ready, String readyReason, String readyMessage, Instant readySince,
      boolean openToInternet) {
    static Snapshot of(SparkHostStatus status) {
      Optional<Condition> ready = status.condition(Conditions.READY);
      return new Snapshot(
          status.getPhase(),
          ready.map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false),
          ready.map(Condition::getReason).orElse(null),
          ready.map(Condition::getMessage).orElse(null),
          ready.map(c -> Instant.parse(c.getLastTransitionTime())).orElse(null),
          status.condition(OPEN_TO_INTERNET).map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot s && phase == s.phase && ready == s.ready && Objects.equals(readyReason, s.readyReason);
    }

    @Override
    public int hashCode() {
      return Objects.hash(phase, ready, readyReason);
    }
  }
}
