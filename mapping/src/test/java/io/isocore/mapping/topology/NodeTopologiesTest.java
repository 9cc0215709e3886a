package io.isocore.mapping.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.isocore.api.v1alpha1.CoreInfo;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.audit.EnvironmentState;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.node.CgroupLayout;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.testing.TopologyFixtures;
import io.isocore.core.topology.Topology;
import io.isocore.mapping.InvalidResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeTopologiesTest {

  static Stream<Topology> fixtures() {
    return Stream.of(
        TopologyFixtures.singleSocketSmt2(),
        TopologyFixtures.dualSocketSmt2(),
        TopologyFixtures.dualSocketMultiNumaSmt2(),
        TopologyFixtures.quadNumaSmt2(),
        TopologyFixtures.offlineCpus(),
        TopologyFixtures.multiL3(),
        TopologyFixtures.noSmtTwoNuma(),
        TopologyFixtures.hybrid(),
        TopologyFixtures.singleSocketSmt4(),
        TopologyFixtures.unknownNuma());
  }

  static NodeSnapshot snapshot(Topology topology) {
    return new NodeSnapshot(
        topology,
        IsolationState.none(),
        EnvironmentState.unknown(),
        CgroupLayout.unknown(),
        List.of(),
        List.of());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void statusReadsBackAsTheSameTopology(Topology topology) {
    NodeTopologyStatus status = NodeTopologies.toStatus(snapshot(topology));
    assertThat(NodeTopologies.toTopology("n1", status)).isEqualTo(topology);
  }

  @Test
  void missingStatusIsNamed() {
    NodeTopology resource = new NodeTopology();
    resource.setMetadata(new ObjectMetaBuilder().withName("n9").build());
    assertThatThrownBy(() -> NodeTopologies.toTopology(resource))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("NodeTopology n9 has no status yet");
  }

  @Test
  void aCoreWithoutCpusIsNamedWithItsValue() {
    NodeTopologyStatus status =
        NodeTopologies.toStatus(snapshot(TopologyFixtures.singleSocketSmt2()));
    List<CoreInfo> cores = new ArrayList<>(status.cores());
    CoreInfo c = cores.get(0);
    cores.set(
        0, new CoreInfo(c.id(), c.socket(), c.die(), c.numaNode(), c.coreId(), "", c.l3Group()));
    NodeTopologyStatus broken =
        new NodeTopologyStatus(
            status.sockets(),
            status.numaNodes(),
            cores,
            status.cpus(),
            status.l3Groups(),
            status.cpusOnline(),
            status.cpusOffline(),
            status.isolation(),
            status.nics(),
            status.cgroup(),
            status.environment(),
            null,
            null,
            null);
    assertThatThrownBy(() -> NodeTopologies.toTopology("n2", broken))
        .hasMessage("NodeTopology n2: status.cores[0].cpus is ''; expected a non-empty CPU list");
  }
}
