package io.isocore.quickstart.plane;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.stream.Stream;

/**
 * An embedded Kubernetes API on localhost: the Fabric8 mock server in CRUD mode with isocore's CRDs
 * installed. It is not a real API server: no admission, no field selectors, no garbage collection,
 * and a Binding does not bind a pod on its own ({@link BindingDispatcher} does that part).
 */
public final class LocalControlPlane implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private LocalControlPlane(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** Starts the API on 127.0.0.1 with a free port and installs the CRDs of {@code crdDir}. */
  public static LocalControlPlane start(Path crdDir) throws IOException {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new BindingDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    LocalControlPlane plane = new LocalControlPlane(server);
    plane.installCrds(crdDir);
    return plane;
  }

  private void installCrds(Path crdDir) throws IOException {
    try (Stream<Path> files = Files.list(crdDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              Serialization.unmarshal(in, CustomResourceDefinition.class);
          client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
      }
    }
  }

  /** Returns a client of the embedded API. */
  public KubernetesClient client() {
    return client;
  }

  /** Returns the API's URL, for the operator and the agent. */
  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
