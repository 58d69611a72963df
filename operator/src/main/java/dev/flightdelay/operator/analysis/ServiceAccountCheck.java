package dev.flightdelay.operator.analysis;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the driver's ServiceAccount exists. A found account is remembered for a minute: a burst
 * of submissions into one namespace then costs the API server one lookup, not one each.
 */
public final class ServiceAccountCheck {

  private static final Duration REMEMBER = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Instant> found = new ConcurrentHashMap<>();

  public ServiceAccountCheck(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public boolean exists(String namespace, String name) {
    String key = namespace + "/" + name;
    Instant now = clock.instant();
    Instant seen = found.get(key);
    if (seen != null && now.isBefore(seen.plus(REMEMBER))) {
      return true;
    }
    boolean exists = client.serviceAccounts().inNamespace(namespace).withName(name).get() != null;
    if (exists) {
      found.put(key, now);
    } else {
      found.remove(key);
    }
    return exists;
  }
}
