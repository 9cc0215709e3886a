package io.isocore.quickstart.plane;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock server's CRUD dispatcher plus what a real API server's binding storage does, which the
 * mock does not: a POST to {@code pods/<name>/binding} or {@code namespaces/<ns>/bindings} sets the
 * pod's spec.nodeName and PodScheduled=True, refusing a pod that is gone (404), replaced (UID
 * precondition) or already bound (409), copies the Binding's annotations onto the pod, and stores
 * no Binding object. The operator uses the real Binding API unchanged; only this embedded control
 * plane emulates the server side. It also serves spec.nodeName field selectors, which the mock
 * matches nothing for (see below).
 */
final class BindingDispatcher extends KubernetesCrudDispatcher {

  private static final Pattern SUBRESOURCE =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/binding");
  private static final Pattern NODE_NAME_SELECTOR =
      Pattern.compile("fieldSelector=spec\\.nodeName(%3D|=)[^&]*&?");
  private static final Pattern COLLECTION = Pattern.compile("/api/v1/namespaces/([^/]+)/bindings");

  BindingDispatcher() {
    super(List.of());
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.method() == HttpMethod.POST) {
      String path = request.getPath().split("\\?")[0];
      Matcher subresource = SUBRESOURCE.matcher(path);
      Matcher collection = COLLECTION.matcher(path);
      if (subresource.matches() || collection.matches()) {
        Binding binding = Serialization.unmarshal(request.getUtf8Body(), Binding.class);
        return subresource.matches()
            ? bind(subresource.group(1), subresource.group(2), binding)
            : bind(collection.group(1), binding.getMetadata().getName(), binding);
      }
    }
    if (request.method() == HttpMethod.GET
        && request.getPath().contains("fieldSelector=spec.nodeName")) {
      return super.dispatch(withoutNodeNameSelector(request));
    }
    return super.dispatch(request);
  }

  /**
   * The mock matches nothing for a spec.nodeName field selector. The quickstart has one node, so
   * "on this node" is everything but unbound pods: serve the request without the selector.
   */
  private static RecordedRequest withoutNodeNameSelector(RecordedRequest request) {
    String path = NODE_NAME_SELECTOR.matcher(request.getPath()).replaceAll("").replace("?&", "?");
    if (path.endsWith("?") || path.endsWith("&")) {
      path = path.substring(0, path.length() - 1);
    }
    return new RecordedRequest(
        "GET " + path + " HTTP/1.1",
        HttpMethod.GET,
        path,
        request.getHeaders(),
        request.getBody() == null ? new Buffer() : request.getBody());
  }

  private synchronized MockResponse bind(String namespace, String name, Binding binding) {
    String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + name;
    MockResponse current = handleGet(podPath);
    if (current.code() != 200) {
      return status(404, "NotFound", "pods \"" + name + "\" not found");
    }
    Pod pod = Serialization.unmarshal(current.getBody().readUtf8(), Pod.class);
    String uid = binding.getMetadata() == null ? null : binding.getMetadata().getUid();
    if (uid != null && !uid.equals(pod.getMetadata().getUid())) {
      return status(409, "Conflict", "Precondition failed: UID in precondition: " + uid);
    }
    if (pod.getSpec().getNodeName() != null) {
      return status(
          409,
          "Conflict",
          "pod " + name + " is already assigned to node \"" + pod.getSpec().getNodeName() + "\"");
    }
    pod.getSpec().setNodeName(binding.getTarget().getName());
    // The API server copies the Binding's annotations onto the pod (pods/binding storage).
    if (binding.getMetadata() != null && binding.getMetadata().getAnnotations() != null) {
      Map<String, String> annotations = new TreeMap<>();
      if (pod.getMetadata().getAnnotations() != null) {
        annotations.putAll(pod.getMetadata().getAnnotations());
      }
      annotations.putAll(binding.getMetadata().getAnnotations());
      pod.getMetadata().setAnnotations(annotations);
    }
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    List<PodCondition> conditions = new ArrayList<>();
    if (status.getConditions() != null) {
      status.getConditions().stream()
          .filter(c -> !"PodScheduled".equals(c.getType()))
          .forEach(conditions::add);
    }
    conditions.add(
        new PodConditionBuilder()
            .withType("PodScheduled")
            .withStatus("True")
            .withLastTransitionTime(Instant.now().toString())
            .build());
    status.setConditions(conditions);
    pod.setStatus(status);
    MockResponse updated = handleUpdate(put(podPath, Serialization.asJson(pod)));
    if (updated.code() >= 300) {
      return updated;
    }
    handleUpdate(put(podPath + "/status", Serialization.asJson(pod)));
    return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(binding));
  }

  private static RecordedRequest put(String path, String json) {
    return new RecordedRequest(
        "PUT " + path + " HTTP/1.1",
        HttpMethod.PUT,
        path,
        Headers.builder().build(),
        new Buffer(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static MockResponse status(int code, String reason, String message) {
    Status status =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message)
            .build();
    return new MockResponse().setResponseCode(code).setBody(Serialization.asJson(status));
  }
}
