package io.isocore.charts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Just enough of a Kubernetes API server for Helm's server-side dry run: {@code /version} reports a
 * chosen version, discovery lists the kinds the chart renders, and every object is absent (404).
 * Helm reads the cluster's version from here into {@code .Capabilities.KubeVersion}, which is what
 * Chart.yaml's {@code kubeVersion} is checked against.
 */
final class FakeApiServer implements AutoCloseable {

  /** group/version -> resources as name:Kind:namespaced. */
  private static final Map<String, List<String>> RESOURCES =
      Map.of(
          "v1",
          List.of(
              "configmaps:ConfigMap:true",
              "services:Service:true",
              "serviceaccounts:ServiceAccount:true",
              "secrets:Secret:true",
              "namespaces:Namespace:false"),
          "apps/v1",
          List.of("daemonsets:DaemonSet:true", "deployments:Deployment:true"),
          "policy/v1",
          List.of("poddisruptionbudgets:PodDisruptionBudget:true"),
          "rbac.authorization.k8s.io/v1",
          List.of(
              "clusterroles:ClusterRole:false",
              "clusterrolebindings:ClusterRoleBinding:false",
              "roles:Role:true",
              "rolebindings:RoleBinding:true"),
          "admissionregistration.k8s.io/v1",
          List.of(
              "validatingadmissionpolicies:ValidatingAdmissionPolicy:false",
              "validatingadmissionpolicybindings:ValidatingAdmissionPolicyBinding:false"),
          "networking.k8s.io/v1",
          List.of("networkpolicies:NetworkPolicy:true"));

  private final HttpServer server;
  private final String gitVersion;

  FakeApiServer(String gitVersion) throws IOException {
    this.gitVersion = gitVersion;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A kubeconfig for this server (plain HTTP, no credentials). */
  String kubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: fake
            cluster: {server: "http://127.0.0.1:%d"}
        users:
          - name: fake
            user: {}
        contexts:
          - name: fake
            context: {cluster: fake, user: fake, namespace: %s}
        current-context: fake
        """
        .formatted(server.getAddress().getPort(), RenderedChart.NAMESPACE);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body;
    int status = 200;
    if (path.equals("/version")) {
      String[] parts = gitVersion.substring(1).split("[.-]");
      body =
          """
          {"major": "%s", "minor": "%s", "gitVersion": "%s", "platform": "linux/amd64"}
          """
              .formatted(parts[0], parts[1], gitVersion);
    } else if (path.equals("/api")) {
      body = "{\"kind\": \"APIVersions\", \"versions\": [\"v1\"]}";
    } else if (path.equals("/apis")) {
      body = groupList();
    } else if (path.equals("/api/v1") || RESOURCES.containsKey(path.replaceFirst("^/apis/", ""))) {
      body = resourceList(path.equals("/api/v1") ? "v1" : path.replaceFirst("^/apis/", ""));
    } else {
      status = 404;
      body =
          """
          {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound",
           "message": "not found", "code": 404}
          """;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String groupList() {
    String groups =
        RESOURCES.keySet().stream()
            .filter(gv -> gv.contains("/"))
            .map(
                gv ->
                    """
                    {"name": "%s", "versions": [{"groupVersion": "%s", "version": "%s"}],
                     "preferredVersion": {"groupVersion": "%s", "version": "%s"}}"""
                        .formatted(gv.split("/")[0], gv, gv.split("/")[1], gv, gv.split("/")[1]))
            .collect(Collectors.joining(","));
    return "{\"kind\": \"APIGroupList\", \"apiVersion\": \"v1\", \"groups\": [" + groups + "]}";
  }

  private static String resourceList(String groupVersion) {
    String resources =
        RESOURCES.get(groupVersion).stream()
            .map(r -> r.split(":"))
            .map(
                r ->
                    """
                    {"name": "%s", "singularName": "", "kind": "%s", "namespaced": %s,
                     "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]}"""
                        .formatted(r[0], r[1], r[2]))
            .collect(Collectors.joining(","));
    return """
        {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "%s", "resources": [%s]}"""
        .formatted(groupVersion, resources);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
