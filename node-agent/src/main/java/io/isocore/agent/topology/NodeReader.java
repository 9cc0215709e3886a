package io.isocore.agent.topology;

import io.isocore.core.audit.EnvironmentState;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.node.CgroupLayout;
import io.isocore.core.node.Nic;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.topology.Topology;
import java.nio.file.Path;
import java.util.List;

/** Reads a whole {@link NodeSnapshot} from a filesystem root; never throws for bad content. */
public final class NodeReader {

  private final Path root;

  /** Reads under {@code root} ({@code /} on the live machine). */
  public NodeReader(Path root) {
    this.root = root;
  }

  /** Reads the node. */
  public NodeSnapshot read() {
    KernelFiles files = new KernelFiles(root);
    Topology topology = SysfsTopologyReader.read(files);
    IsolationState isolation = new IsolationReader(files).read();
    EnvironmentState environment = new EnvironmentReader(files).read(topology.online());
    CgroupLayout cgroup = new CgroupLayoutReader(files).read();
    List<Nic> nics = new NicReader(files).read();
    return new NodeSnapshot(topology, isolation, environment, cgroup, nics, files.degradations());
  }
}
