package io.isocore.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./isocore report RESULTS... [--out FILE] [--title TEXT]}: reads result files or
 * directories and writes one HTML page of charts, then prints its path.
 */
public final class ReportMain {

  static final String USAGE =
      """
      usage: ./isocore report RESULTS... [--out FILE] [--title TEXT]
        RESULTS  result files or directories of *.json: isocore-result/v1, the quickstart's
                 --summary JSON (bench/isolation/results/{off,on}.json), noise --json
        --out    where to write the page (default: report.html in the first RESULTS directory,
                 or beside the first RESULTS file)
        --title  the page title (default: the result's title, else "isocore report")
      See docs/report.md.""";

  private ReportMain() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    try {
      System.out.println("report: " + run(List.of(args)));
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("report: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Writes the page and returns its path (the quickstart calls it at the end of a run).
   *
   * @param args RESULTS... and the options of {@code ./isocore report}
   * @throws UsageException for arguments that name nothing or an unknown option
   * @throws IOException when a result cannot be read or the page written
   */
  public static Path run(List<String> args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Path> results = new ArrayList<>();
    Path out = null;
    String title = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--title" -> title = value(args, ++i, a);
        case "-h", "--help" -> throw new UsageException("");
        default -> {
          if (a.startsWith("--")) {
            throw new UsageException("report: unknown option " + a);
          }
          results.add(Path.of(a));
        }
      }
    }
    if (results.isEmpty()) {
      throw new UsageException("report: name at least one result file or directory");
    }
    ReportInput input = ResultReader.read(results);
    if (title != null) {
      input = new ReportInput(title, input.runs(), input.noise(), input.notes(), input.sources());
    }
    Path page = out != null ? out : defaultOut(results.getFirst());
    Path parent = page.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(page, ReportPage.render(input));
    return page.toAbsolutePath();
  }

  private static Path defaultOut(Path first) {
    if (Files.isDirectory(first)) {
      return first.resolve("report.html");
    }
    String name = first.getFileName().toString().replaceFirst("\\.json$", "");
    return first.resolveSibling(name + ".html");
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new UsageException("report: " + option + " needs a value");
    }
    return args.get(i);
  }

  /** A command-line mistake: printed with the usage, exit status 2. */
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }
}
