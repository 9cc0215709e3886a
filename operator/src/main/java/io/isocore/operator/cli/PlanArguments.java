package io.isocore.operator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code plan}: {@code --topology FILE... [--allocations FILE...] --pod FILE
 * [--profile FILE] [--node NAME] [--json]}. A flag may be repeated, and {@code --topology} and
 * {@code --allocations} take every following argument up to the next flag.
 */
record PlanArguments(
    List<Path> topologies,
    List<Path> allocations,
    Path pod,
    Optional<Path> profile,
    Optional<String> node,
    boolean json) {

  static final String USAGE =
      "usage: plan --topology FILE... [--allocations FILE...] --pod FILE [--profile FILE]"
          + " [--node NAME] [--json]\n"
          + "  --topology     NodeTopology YAML/JSON documents, or the agent's `topology --json`"
          + " output (a bare status; node name = file name without extension, or --node)\n"
          + "  --allocations  CoreAllocation documents already in the cluster\n"
          + "  --pod          the pod manifest to place\n"
          + "  --profile      an IsolationProfile applied to every node (default: reserved = CPU 0"
          + " and its SMT siblings; isolated = the kernel's isolated CPUs, or all other CPUs when"
          + " the kernel isolates none)\n"
          + "  --node         node name for a single bare topology status\n"
          + "  --json         print the decision as JSON";

  /** Parses the arguments; the message of the exception says what is wrong. */
  static PlanArguments parse(String[] args) {
    List<Path> topologies = new ArrayList<>();
    List<Path> allocations = new ArrayList<>();
    Path pod = null;
    Path profile = null;
    String node = null;
    boolean json = false;
    String list = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--topology", "--allocations" -> list = arg;
        case "--pod" -> {
          pod = Path.of(value(args, ++i, arg));
          list = null;
        }
        case "--profile" -> {
          profile = Path.of(value(args, ++i, arg));
          list = null;
        }
        case "--node" -> {
          node = value(args, ++i, arg);
          list = null;
        }
        case "--json" -> {
          json = true;
          list = null;
        }
        default -> {
          if (arg.startsWith("--") || list == null) {
            throw new IllegalArgumentException("unknown argument '" + arg + "'");
          }
          (list.equals("--topology") ? topologies : allocations).add(Path.of(arg));
        }
      }
    }
    if (topologies.isEmpty()) {
      throw new IllegalArgumentException("--topology needs at least one file");
    }
    if (pod == null) {
      throw new IllegalArgumentException("--pod FILE is required");
    }
    return new PlanArguments(
        topologies,
        allocations,
        pod,
        Optional.ofNullable(profile),
        Optional.ofNullable(node),
        json);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }
}
