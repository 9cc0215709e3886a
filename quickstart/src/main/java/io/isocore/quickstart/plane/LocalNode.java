package io.isocore.quickstart.plane;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** This machine as a Kubernetes Node: its real CPU count, memory and hugepages. */
public final class LocalNode {

  private LocalNode() {}

  /** Builds the Node object of this machine, read from {@code root} (normally /). */
  public static Node describe(String name, Path root) throws IOException {
    int cpus = Runtime.getRuntime().availableProcessors();
    long memKib = meminfo(root, "MemTotal");
    Map<String, Quantity> capacity = new TreeMap<>();
    capacity.put("cpu", new Quantity(Integer.toString(cpus)));
    capacity.put("memory", new Quantity(memKib + "Ki"));
    capacity.put("pods", new Quantity("110"));
    for (String size : new String[] {"2048kB", "1048576kB"}) {
      Path pool = root.resolve("sys/kernel/mm/hugepages/hugepages-" + size + "/nr_hugepages");
      long pages = Files.isRegularFile(pool) ? Long.parseLong(Files.readString(pool).trim()) : 0;
      long kib = Long.parseLong(size.replace("kB", ""));
      String resource = size.equals("2048kB") ? "hugepages-2Mi" : "hugepages-1Gi";
      capacity.put(resource, new Quantity((pages * kib) + "Ki"));
    }
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("isocore.io/enabled", "true")
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("isocore quickstart: this machine")
        .endCondition()
        .endStatus()
        .build();
  }

  private static long meminfo(Path root, String key) throws IOException {
    for (String line : Files.readAllLines(root.resolve("proc/meminfo"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no " + key + " in " + root.resolve("proc/meminfo"));
  }
}
