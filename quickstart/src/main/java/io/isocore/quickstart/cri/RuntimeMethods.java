package io.isocore.quickstart.cri;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.protobuf.ProtoUtils;
import io.isocore.quickstart.cri.v1.ContainerStatusRequest;
import io.isocore.quickstart.cri.v1.ContainerStatusResponse;
import io.isocore.quickstart.cri.v1.CreateContainerRequest;
import io.isocore.quickstart.cri.v1.CreateContainerResponse;
import io.isocore.quickstart.cri.v1.ListContainersRequest;
import io.isocore.quickstart.cri.v1.ListContainersResponse;
import io.isocore.quickstart.cri.v1.ListPodSandboxRequest;
import io.isocore.quickstart.cri.v1.ListPodSandboxResponse;
import io.isocore.quickstart.cri.v1.RemoveContainerRequest;
import io.isocore.quickstart.cri.v1.RemoveContainerResponse;
import io.isocore.quickstart.cri.v1.RemovePodSandboxRequest;
import io.isocore.quickstart.cri.v1.RemovePodSandboxResponse;
import io.isocore.quickstart.cri.v1.RunPodSandboxRequest;
import io.isocore.quickstart.cri.v1.RunPodSandboxResponse;
import io.isocore.quickstart.cri.v1.StartContainerRequest;
import io.isocore.quickstart.cri.v1.StartContainerResponse;
import io.isocore.quickstart.cri.v1.StopContainerRequest;
import io.isocore.quickstart.cri.v1.StopContainerResponse;
import io.isocore.quickstart.cri.v1.StopPodSandboxRequest;
import io.isocore.quickstart.cri.v1.StopPodSandboxResponse;
import io.isocore.quickstart.cri.v1.VersionRequest;
import io.isocore.quickstart.cri.v1.VersionResponse;

/**
 * The CRI v1 {@code runtime.v1.RuntimeService} methods the quickstart calls, described by hand (the
 * messages are generated from src/main/protobuf/cri.proto; a protoc gRPC plugin would generate only
 * these descriptors).
 */
final class RuntimeMethods {

  static final String SERVICE = "runtime.v1.RuntimeService";

  static final MethodDescriptor<VersionRequest, VersionResponse> VERSION =
      unary("Version", VersionRequest.getDefaultInstance(), VersionResponse.getDefaultInstance());
  static final MethodDescriptor<RunPodSandboxRequest, RunPodSandboxResponse> RUN_POD_SANDBOX =
      unary(
          "RunPodSandbox",
          RunPodSandboxRequest.getDefaultInstance(),
          RunPodSandboxResponse.getDefaultInstance());
  static final MethodDescriptor<StopPodSandboxRequest, StopPodSandboxResponse> STOP_POD_SANDBOX =
      unary(
          "StopPodSandbox",
          StopPodSandboxRequest.getDefaultInstance(),
          StopPodSandboxResponse.getDefaultInstance());
  static final MethodDescriptor<RemovePodSandboxRequest, RemovePodSandboxResponse>
      REMOVE_POD_SANDBOX =
          unary(
              "RemovePodSandbox",
              RemovePodSandboxRequest.getDefaultInstance(),
              RemovePodSandboxResponse.getDefaultInstance());
  static final MethodDescriptor<ListPodSandboxRequest, ListPodSandboxResponse> LIST_POD_SANDBOX =
      unary(
          "ListPodSandbox",
          ListPodSandboxRequest.getDefaultInstance(),
          ListPodSandboxResponse.getDefaultInstance());
  static final MethodDescriptor<CreateContainerRequest, CreateContainerResponse> CREATE_CONTAINER =
      unary(
          "CreateContainer",
          CreateContainerRequest.getDefaultInstance(),
          CreateContainerResponse.getDefaultInstance());
  static final MethodDescriptor<StartContainerRequest, StartContainerResponse> START_CONTAINER =
      unary(
          "StartContainer",
          StartContainerRequest.getDefaultInstance(),
          StartContainerResponse.getDefaultInstance());
  static final MethodDescriptor<StopContainerRequest, StopContainerResponse> STOP_CONTAINER =
      unary(
          "StopContainer",
          StopContainerRequest.getDefaultInstance(),
          StopContainerResponse.getDefaultInstance());
  static final MethodDescriptor<RemoveContainerRequest, RemoveContainerResponse> REMOVE_CONTAINER =
      unary(
          "RemoveContainer",
          RemoveContainerRequest.getDefaultInstance(),
          RemoveContainerResponse.getDefaultInstance());
  static final MethodDescriptor<ListContainersRequest, ListContainersResponse> LIST_CONTAINERS =
      unary(
          "ListContainers",
          ListContainersRequest.getDefaultInstance(),
          ListContainersResponse.getDefaultInstance());
  static final MethodDescriptor<ContainerStatusRequest, ContainerStatusResponse> CONTAINER_STATUS =
      unary(
          "ContainerStatus",
          ContainerStatusRequest.getDefaultInstance(),
          ContainerStatusResponse.getDefaultInstance());

  private RuntimeMethods() {}

  private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> unary(
      String name, Q request, R response) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .build();
  }
}
