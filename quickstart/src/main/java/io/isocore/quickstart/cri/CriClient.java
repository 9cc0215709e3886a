package io.isocore.quickstart.cri;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.isocore.quickstart.cri.v1.Container;
import io.isocore.quickstart.cri.v1.ContainerConfig;
import io.isocore.quickstart.cri.v1.ContainerFilter;
import io.isocore.quickstart.cri.v1.ContainerStatusRequest;
import io.isocore.quickstart.cri.v1.ContainerStatusResponse;
import io.isocore.quickstart.cri.v1.CreateContainerRequest;
import io.isocore.quickstart.cri.v1.ListContainersRequest;
import io.isocore.quickstart.cri.v1.ListPodSandboxRequest;
import io.isocore.quickstart.cri.v1.PodSandbox;
import io.isocore.quickstart.cri.v1.PodSandboxConfig;
import io.isocore.quickstart.cri.v1.RemoveContainerRequest;
import io.isocore.quickstart.cri.v1.RemovePodSandboxRequest;
import io.isocore.quickstart.cri.v1.RunPodSandboxRequest;
import io.isocore.quickstart.cri.v1.StartContainerRequest;
import io.isocore.quickstart.cri.v1.StopContainerRequest;
import io.isocore.quickstart.cri.v1.StopPodSandboxRequest;
import io.isocore.quickstart.cri.v1.VersionRequest;
import io.isocore.quickstart.cri.v1.VersionResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CRI v1 runtime client over a Unix socket, as the kubelet is one: each call is blocking, with a
 * deadline, and a refusal becomes a {@link CriException} naming the call and the runtime's reason.
 */
public final class CriClient implements AutoCloseable {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

  private final ManagedChannel channel;
  private final Path socket;

  private CriClient(ManagedChannel channel, Path socket) {
    this.channel = channel;
    this.socket = socket;
  }

  /** Connects (lazily) to the runtime listening on {@code socket}. */
  public static CriClient connect(Path socket) {
    return new CriClient(
        Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create()).build(),
        socket);
  }

  /** Returns the runtime's name, version and CRI API version. */
  public VersionResponse version() {
    return call(RuntimeMethods.VERSION, VersionRequest.newBuilder().setVersion("v1").build());
  }

  /** Runs a pod sandbox and returns its id. */
  public String runPodSandbox(PodSandboxConfig config) {
    return call(
            RuntimeMethods.RUN_POD_SANDBOX,
            RunPodSandboxRequest.newBuilder().setConfig(config).build())
        .getPodSandboxId();
  }

  /** Creates a container in a sandbox and returns its id. */
  public String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig pod) {
    return call(
            RuntimeMethods.CREATE_CONTAINER,
            CreateContainerRequest.newBuilder()
                .setPodSandboxId(sandboxId)
                .setConfig(config)
                .setSandboxConfig(pod)
                .build())
        .getContainerId();
  }

  /** Starts a created container. */
  public void startContainer(String containerId) {
    call(
        RuntimeMethods.START_CONTAINER,
        StartContainerRequest.newBuilder().setContainerId(containerId).build());
  }

  /** Returns a container's status, verbose: {@code info} holds the runtime's view (its pid). */
  public ContainerStatusResponse containerStatus(String containerId) {
    return call(
        RuntimeMethods.CONTAINER_STATUS,
        ContainerStatusRequest.newBuilder().setContainerId(containerId).setVerbose(true).build());
  }

  /** Returns the host pid of a running container's first process, or 0 if none. */
  public long containerPid(String containerId) {
    String info = containerStatus(containerId).getInfoOrDefault("info", "");
    Matcher m = PID.matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** Stops a container, SIGKILL after {@code timeoutSeconds}. */
  public void stopContainer(String containerId, long timeoutSeconds) {
    call(
        RuntimeMethods.STOP_CONTAINER,
        StopContainerRequest.newBuilder()
            .setContainerId(containerId)
            .setTimeout(timeoutSeconds)
            .build());
  }

  /** Removes a stopped container. */
  public void removeContainer(String containerId) {
    call(
        RuntimeMethods.REMOVE_CONTAINER,
        RemoveContainerRequest.newBuilder().setContainerId(containerId).build());
  }

  /** Stops every container of a sandbox and the sandbox. */
  public void stopPodSandbox(String sandboxId) {
    call(
        RuntimeMethods.STOP_POD_SANDBOX,
        StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
  }

  /** Removes a stopped sandbox and its containers. */
  public void removePodSandbox(String sandboxId) {
    call(
        RuntimeMethods.REMOVE_POD_SANDBOX,
        RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
  }

  /** Lists every sandbox. */
  public List<PodSandbox> listPodSandboxes() {
    return call(RuntimeMethods.LIST_POD_SANDBOX, ListPodSandboxRequest.getDefaultInstance())
        .getItemsList();
  }

  /** Lists the containers of a sandbox (every container when {@code sandboxId} is empty). */
  public List<Container> listContainers(String sandboxId) {
    return call(
            RuntimeMethods.LIST_CONTAINERS,
            ListContainersRequest.newBuilder()
                .setFilter(ContainerFilter.newBuilder().setPodSandboxId(sandboxId))
                .build())
        .getContainersList();
  }

  private <Q, R> R call(MethodDescriptor<Q, R> method, Q request) {
    try {
      return ClientCalls.blockingUnaryCall(
          channel,
          method,
          CallOptions.DEFAULT.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
          request);
    } catch (StatusRuntimeException e) {
      String description = e.getStatus().getDescription();
      throw new CriException(
          "CRI "
              + method.getBareMethodName()
              + " on "
              + socket
              + " refused: "
              + e.getStatus().getCode()
              + (description == null ? "" : ": " + description.lines().findFirst().orElse("")),
          e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
