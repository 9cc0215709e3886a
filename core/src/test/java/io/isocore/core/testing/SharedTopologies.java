package io.isocore.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isocore.core.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real machines of the shared topology corpus (sysfs dumps with hwloc's view in {@code
 * expected.json}), read from hwloc's view into core topologies: packages, NUMA nodes with their
 * CPUs, cores with their PUs, L3 groups. Empty when the corpus is absent, so tests skip cleanly.
 *
 * <p>Where the corpus is, one rule for every module ({@link #corpus}): the directory named by
 * {@code ISOCORE_TOPOLOGIES}, else {@code ../shared/topologies} beside the checkout (the build
 * passes the checkout as the {@code isocore.root} system property; else the module directory's
 * parent is taken as the checkout).
 */
public final class SharedTopologies {

  private SharedTopologies() {}

  /** The corpus directory, if there is one. */
  public static Optional<Path> corpus() {
    String env = System.getenv("ISOCORE_TOPOLOGIES");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(Files::isDirectory);
    }
    String root = System.getProperty("isocore.root");
    Path checkout =
        root != null && !root.isBlank()
            ? Path.of(root)
            : Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    return Optional.ofNullable(checkout)
        .map(c -> c.resolve("../shared/topologies").normalize())
        .filter(Files::isDirectory);
  }

  /** Every machine with an {@code expected.json}, by directory name. */
  public static List<TopologyFixtures.Fixture> all() {
    Optional<Path> corpus = corpus();
    if (corpus.isEmpty()) {
      return List.of();
    }
    List<TopologyFixtures.Fixture> fixtures = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(corpus.get())) {
      for (Path dir : dirs.sorted().toList()) {
        Path expected = dir.resolve("expected.json");
        if (Files.isRegularFile(expected)) {
          fixtures.add(new TopologyFixtures.Fixture(dir.getFileName().toString(), read(expected)));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + corpus.get(), e);
    }
    return fixtures;
  }

  static Topology read(Path expected) throws IOException {
    JsonNode root = new ObjectMapper().readTree(expected.toFile());
    TopologyFixtures.Builder builder = TopologyFixtures.builder();
    for (JsonNode core : root.path("cores")) {
      int[] pus = ints(core.path("pus"));
      int first = pus[0];
      builder.core(
          core.path("package").asInt(0),
          containing(root.path("numa_nodes"), "cpus", first, "os_index"),
          containing(root.path("l3_caches"), "pus", first, null),
          pus);
    }
    return builder.build();
  }

  private static int containing(JsonNode groups, String field, int cpu, String idField) {
    int index = 0;
    for (JsonNode group : groups) {
      for (JsonNode member : group.path(field)) {
        if (member.asInt() == cpu) {
          return idField == null ? index : group.path(idField).asInt(index);
        }
      }
      index++;
    }
    return idField == null ? -1 : 0;
  }

  private static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }
}
