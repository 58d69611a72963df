package dev.flightdelay.operator.status;

import dev.flightdelay.api.v1alpha1.FlightDelayStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Kubernetes-convention conditions: lastTransitionTime moves only when status changes. */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String SYNCED = "Synced";
  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  public static void set(
      FlightDelayStatus status, String type, boolean value, String reason, String message, Long generation, Instant now) {
    List<Condition> conditions = status.getConditions() == null ? new ArrayList<>() : new ArrayList<>(status.getConditions());
    String text = value ? TRUE : FALSE;
    Optional<Condition> existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    String transition =
        existing.filter(c -> text.equals(c.getStatus())).map(Condition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    existing.ifPresent(conditions::remove);
    conditions.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(text)
            .withReason(reason)
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    conditions.sort((a, b) -> a.getType().equals(READY) ? -1 : b.getType().equals(READY) ? 1 : a.getType().compareTo(b.getType()));
    status.setConditions(conditions);
  }


}
