package dev.flightdelay.helm;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One request a client sent to the API server, as RBAC sees it: the verb, API group, resource
 * (with its subresource) and namespace the API server's request-info resolver derives from the
 * method and path (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go). Paths outside /api and
 * /apis, and discovery paths, are non-resource requests.
 *
 * @param namespace null for a cluster-wide request (or a non-resource one)
 */
record ApiRequest(String userAgent, String method, String path, String verb, String group, String resource,
    String namespace) {

  /** The subresources of namespaces: /api/v1/namespaces/NAME/status is not a resource "status" in NAME. */
  private static final List<String> NAMESPACE_SUBRESOURCES = List.of("status", "finalize");

  /** Parses a line of the mock server's request log: user agent, method and path, tab-separated. */
  static ApiRequest parse(String line) {
    String[] fields = line.split("\t", 3);
    if (fields.length != 3) {
      throw new IllegalArgumentException("not a request log line: " + line);
    }
    return of(fields[0], fields[1], fields[2]);
  }

  static ApiRequest of(String userAgent, String method, String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    boolean watch = query >= 0 && Arrays.stream(path.substring(query + 1).split("&"))
        .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    List<String> parts = Arrays.stream(bare.split("/")).filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    int apiParts = parts.isEmpty() ? 0 : "api".equals(parts.get(0)) ? 2 : "apis".equals(parts.get(0)) ? 3 : 0;
    if (apiParts == 0 || parts.size() <= apiParts) {
      return new ApiRequest(userAgent, method, path, method.toLowerCase(java.util.Locale.ROOT), null, null, null);
    }
    String group = apiParts == 2 ? "" : parts.get(1);
    List<String> rest = parts.subList(apiParts, parts.size());
    String namespace = null;
    if ("namespaces".equals(rest.get(0)) && rest.size() > 1) {
      namespace = rest.get(1);
      if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
        rest = rest.subList(2, rest.size());
      }
    }
    String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
    boolean named = rest.size() > 1;
    return new ApiRequest(userAgent, method, path, verb(method, named, watch), group, resource, namespace);
  }

  private static String verb(String method, boolean named, boolean watch) {
    return switch (method) {
      case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("unexpected method " + method);
    };
  }

  boolean isResourceRequest() {
    return resource != null;
  }

  /** The permission it needs. */
  Permission permission() {
    return new Permission(verb, group, resource);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
