package dev.flightdelay.operator.analysis;

import dev.flightdelay.operator.analysis.AttemptObservation.State;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a driver pod's phase and its container's state into an {@link AttemptObservation}. */
public final class DriverPodObserver {

  /** Spark's name for the driver container (BasicDriverFeatureStep). */
  static final String DRIVER_CONTAINER = "spark-kubernetes-driver";

  /** Waiting reasons that will not mend by waiting: the attempt fails now, not at its timeout. */
  private static final Set<String> HOPELESS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
      "CreateContainerConfigError", "CreateContainerError");

  public AttemptObservation observe(Pod pod) {
    if (pod == null) {
      return AttemptObservation.of(State.MISSING);
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return new AttemptObservation(State.FAILED, "DriverPodDeleted",
          "driver pod " + pod.getMetadata().getName() + " is being deleted", null);
    }
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    Optional<ContainerStatus> driver = driverStatus(pod);
    Optional<ContainerStateTerminated> terminated =
        driver.map(s -> s.getState() == null ? null : s.getState().getTerminated());
    switch (phase) {
      case "Succeeded":
        return new AttemptObservation(State.SUCCEEDED, null, null, terminated.map(ContainerStateTerminated::getMessage).orElse(null));
      case "Failed":
        return failed(pod, terminated);
      case "Running":
        if (terminated.isPresent()) {
          return terminated.get().getExitCode() != null && terminated.get().getExitCode() == 0
              ? new AttemptObservation(State.SUCCEEDED, null, null, terminated.get().getMessage())
              : failed(pod, terminated);
        }
        return AttemptObservation.of(State.RUNNING);
      default:
        Optional<ContainerStateWaiting> waiting = driver.map(s -> s.getState() == null ? null : s.getState().getWaiting());
        if (waiting.isPresent() && HOPELESS.contains(waiting.get().getReason())) {
          return new AttemptObservation(State.FAILED, waiting.get().getReason(),
              "driver container cannot start: " + waiting.get().getReason()
                  + (waiting.get().getMessage() == null ? "" : ": " + waiting.get().getMessage()), null);
        }
        return new AttemptObservation(State.PENDING, waiting.map(ContainerStateWaiting::getReason).orElse(null),
            waiting.map(ContainerStateWaiting::getMessage).orElse(null), null);
    }
  }

  private static AttemptObservation failed(Pod pod, Optional<ContainerStateTerminated> terminated) {
    if (terminated.isEmpty()) {
      String reason = pod.getStatus().getReason() == null ? "DriverFailed" : pod.getStatus().getReason();
      return new AttemptObservation(State.FAILED, reason,
          "driver pod failed" + (pod.getStatus().getMessage() == null ? "" : ": " + pod.getStatus().getMessage()), null);
    }
    ContainerStateTerminated end = terminated.get();
    String reason = "OOMKilled".equals(end.getReason()) ? "OOMKilled" : "DriverFailed";
    return new AttemptObservation(State.FAILED, reason,
        "driver exited with code " + end.getExitCode() + (end.getReason() == null ? "" : " (" + end.getReason() + ")"),
        end.getMessage());
  }

  private static Optional<ContainerStatus> driverStatus(Pod pod) {
    List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
    if (statuses == null) {
      return Optional.empty();
    }
    return statuses.stream().filter(s -> DRIVER_CONTAINER.equals(s.getName())).findFirst()
        .or(() -> statuses.stream().findFirst());
  }
}
