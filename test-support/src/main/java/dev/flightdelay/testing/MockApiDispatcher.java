package dev.flightdelay.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.regex.Pattern;

/**
 * Fabric8's CRUD dispatcher with each request logged ({@link ApiRequestLog}), and two things a
 * real API server does that it does not: a new pod starts in phase Pending (Spark's driver reads
 * the phase of every executor pod it sees), and a SelfSubjectRulesReview is answered as a server
 * without authorization (AlwaysAllow) answers it (JOSDK asks one before leader election).
 */
final class MockApiDispatcher extends KubernetesCrudDispatcher {

  private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
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
