package io.isocore.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.isocore.agent.topology.NodeReader;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.mapping.topology.NodeTopologies;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** {@code topology [--root DIR] [--json]}. */
final class TopologyCommand {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TopologyCommand() {}

  static int run(CliArguments args, PrintStream out) {
    if (!Files.isDirectory(args.root())) {
      throw new UsageException("--root " + args.root() + " is not a directory");
    }
    NodeSnapshot snapshot = new NodeReader(args.root()).read();
    if (args.json()) {
      out.println(json(snapshot));
    } else {
      out.print(TopologySummary.render(snapshot));
    }
    return Cli.OK;
  }

  static String json(NodeSnapshot snapshot) {
    try {
      return JSON.writeValueAsString(NodeTopologies.toStatus(snapshot));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
