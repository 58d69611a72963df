package dev.flightdelay.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.regex.Pattern;

/**
 * Fabric8's CRUD dispatcher with each request logged ({@link ApiRequestLog}), and three things a
 * real API server does that it does not: a new pod starts in phase Pending (Spark's driver reads
 * the phase of every executor pod it sees), a SelfSubjectRulesReview is answered as a server
 * without authorization (AlwaysAllow) answers it (JOSDK asks one before leader election), and a
 * status replaced with a resourceVersion that is no longer the object's is refused with 409
 * (the mock applies it, so no status writer's conflict handling would ever run).
 */
final class MockApiDispatcher extends KubernetesCrudDispatcher {

  private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
  private static final Pattern STATUS = Pattern.compile("/apis?/.+/status");
  private static final Pattern PODS = Pattern.compile("/api/v1/namespaces/[^/]+/pods(\\?.*)?");

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    ApiRequestLog.record(recorded);
    RecordedRequest request = readableCopy(recorded);
    if ("POST".equals(request.getMethod()) && RULES_REVIEWS.equals(request.getPath())) {
      return allowEverything(Serialization.unmarshal(request.getUtf8Body(), SelfSubjectRulesReview.class));
    }
    if ("POST".equals(request.getMethod()) && PODS.matcher(request.getPath()).matches()) {
      return super.dispatch(pending(request));
    }
    if ("PUT".equals(request.getMethod()) && STATUS.matcher(request.getPath()).matches()) {
      return replaceStatus(request);
    }
    return super.dispatch(request);
  }

  /**
   * The CRUD dispatcher reads a request's body, which empties it; it reads a copy, so the request
   * the server keeps for {@link KubernetesMockApi#takeRequestsWithBodies()} still has its body.
   */
  private static RecordedRequest readableCopy(RecordedRequest request) {
    Buffer body = request.getBody() == null ? new Buffer() : new Buffer(request.getBody().getBytes());
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(), body);
  }

  /** Synchronized: two status writes from one version do not both pass the check. */
  private synchronized MockResponse replaceStatus(RecordedRequest request) {
    // The body can be read once: the request is passed on with a copy of it.
    String body = request.getUtf8Body();
    if (!stale(request, body)) {
      return super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
          request.getHeaders(), new Buffer().writeUtf8(body)));
    }
    return new MockResponse().setResponseCode(409).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(new StatusBuilder().withStatus("Failure").withReason("Conflict").withCode(409)
            .withMessage("Operation cannot be fulfilled: the object has been modified; please apply your changes "
                + "to the latest version and try again").build()));
  }

  /** The status is replaced from a version of the object that is not its current one. */
  private boolean stale(RecordedRequest request, String body) {
    String basedOn = Serialization.unmarshal(body, GenericKubernetesResource.class).getMetadata()
        .getResourceVersion();
    if (basedOn == null || basedOn.isEmpty()) {
      return false;
    }
    String path = request.getPath().substring(0, request.getPath().length() - "/status".length());
    MockResponse current =
        super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET, path, request.getHeaders(), new Buffer()));
    if (current.code() != 200) {
      return false;
    }
    GenericKubernetesResource stored = Serialization.unmarshal(current.getBody().readUtf8(), GenericKubernetesResource.class);
    return !basedOn.equals(stored.getMetadata().getResourceVersion());
  }

  private static RecordedRequest pending(RecordedRequest request) {
    Pod pod = Serialization.unmarshal(request.getUtf8Body(), Pod.class);
    if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
      pod.setStatus(new PodStatusBuilder(pod.getStatus()).withPhase("Pending").build());
    }
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
        new Buffer().writeUtf8(Serialization.asJson(pod)));
  }

  private static MockResponse allowEverything(SelfSubjectRulesReview review) {
    SelfSubjectRulesReview answered = new SelfSubjectRulesReviewBuilder(review)
        .withNewStatus()
          .withIncomplete(false)
          .addNewResourceRule().withVerbs("*").withApiGroups("*").withResources("*").endResourceRule()
          .addNewNonResourceRule().withVerbs("*").withNonResourceURLs("*").endNonResourceRule()
        .endStatus()
        .build();
    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(answered));
  }
}
