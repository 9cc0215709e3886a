package io.isocore.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads result files into one {@link ReportInput}. A directory means every {@code *.json} in it.
 * Three shapes are understood: the report's own {@code isocore-result/v1} file (docs/report.md),
 * the quickstart's {@code --summary} JSON (what {@code bench/isolation/run.sh} leaves in {@code
 * results/off.json} and {@code on.json}) and the {@code ./isocore noise --json} output.
 */
public final class ResultReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<LatencyRun> runs = new ArrayList<>();
  private final List<Boolean> runIsBaseline = new ArrayList<>();
  private final List<String> runFile = new ArrayList<>();
  private final List<NoiseWindow> noise = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private String title;

  /** Reads the given files and directories. */
  public static ReportInput read(List<Path> paths) throws IOException {
    ResultReader reader = new ResultReader();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.list(path)) {
          for (Path file :
              files
                  .filter(f -> f.getFileName().toString().endsWith(".json"))
                  .sorted(Comparator.comparing(Path::toString))
                  .toList()) {
            reader.readFile(file);
          }
        }
      } else if (Files.isRegularFile(path)) {
        reader.readFile(path);
      } else {
        throw new IOException(path + ": no such file or directory");
      }
    }
    if (reader.runs.isEmpty() && reader.noise.isEmpty()) {
      throw new IOException(
          "no results in "
              + paths
              + ": expected isocore-result/v1, quickstart --summary or"
              + " noise --json files (docs/report.md)");
    }
    return reader.toInput();
  }

  private ReportInput toInput() {
    disambiguateLabels();
    // The baseline (isocore off) first, so ratios read "off / on".
    List<LatencyRun> ordered = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      if (runIsBaseline.get(i)) {
        ordered.add(runs.get(i));
      }
    }
    for (int i = 0; i < runs.size(); i++) {
      if (!runIsBaseline.get(i)) {
        ordered.add(runs.get(i));
      }
    }
    return new ReportInput(
        title == null ? "isocore report" : title, ordered, noise, notes, sources);
  }

  private void readFile(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not JSON (" + e.getMessage() + ")", e);
    }
    String where = file.toString();
    if (root == null || !root.isObject()) {
      notes.add(where + ": skipped, not a JSON object");
      return;
    }
    sources.add(where);
    if ("isocore-result/v1".equals(root.path("format").asText())) {
      readResult(root, where);
    } else if (root.has("isolation") && root.has("latency")) {
      readSummary(root, where);
    } else if (root.has("cpus")) {
      noise.addAll(NoiseReader.snapshot(root, 0, where));
      root.path("notes").forEach(n -> notes.add(where + ": " + n.asText()));
    } else {
      notes.add(
          where + ": skipped, neither isocore-result/v1, a quickstart summary nor noise JSON");
      sources.remove(where);
    }
  }

  private void readResult(JsonNode root, String where) {
    if (root.hasNonNull("title")) {
      title = root.get("title").asText();
    }
    int i = 0;
    for (JsonNode run : root.path("runs")) {
      String at = where + " runs[" + i++ + "]";
      String label = run.path("label").asText("run " + i);
      boolean baseline = run.has("isolation") && !run.get("isolation").asBoolean();
      add(RunReader.result(run, label, at, notes), baseline, where);
    }
    noise.addAll(NoiseReader.series(root.path("noise"), where));
  }

  private void readSummary(JsonNode root, String where) {
    boolean isolation = root.path("isolation").asBoolean();
    String label = isolation ? "isocore on" : "isocore off";
    if (root.path("latency").isNull() || root.path("latency").isMissingNode()) {
      notes.add(where + ": the latency workload never reported; no latency figures");
    }
    add(RunReader.summary(root, label, where, notes), !isolation, where);
    noise.addAll(NoiseReader.series(root.path("noise"), where));
  }

  private void add(LatencyRun run, boolean baseline, String where) {
    runs.add(run);
    runIsBaseline.add(baseline);
    runFile.add(Path.of(where).getFileName().toString());
  }

  /** Two runs of one label (two results read together) are told apart by their file names. */
  private void disambiguateLabels() {
    List<String> labels = runs.stream().map(LatencyRun::label).toList();
    for (int j = 0; j < runs.size(); j++) {
      String label = labels.get(j);
      if (labels.stream().filter(label::equals).count() < 2) {
        continue;
      }
      String suffix = runFile.get(j);
      int k = 0;
      int occurrences = 0;
      for (int i = 0; i < runs.size(); i++) {
        if (labels.get(i).equals(label) && runFile.get(i).equals(suffix)) {
          occurrences++;
          k = i < j ? k + 1 : k;
        }
      }
      suffix += occurrences > 1 ? " #" + (k + 1) : "";
      LatencyRun r = runs.get(j);
      runs.set(
          j,
          new LatencyRun(
              label + " (" + suffix + ")",
              r.count(),
              r.points(),
              r.fullDistribution(),
              r.figures()));
    }
  }
}
