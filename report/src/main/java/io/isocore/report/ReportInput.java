package io.isocore.report;

import java.util.List;

/**
 * Everything one report page shows.
 *
 * @param title the page title
 * @param runs latency runs, the baseline (isocore off) first
 * @param noise noise windows, any CPUs, any order
 * @param notes what the reader should know about the inputs (missing histograms, skipped files)
 * @param sources the files read
 */
public record ReportInput(
    String title,
    List<LatencyRun> runs,
    List<NoiseWindow> noise,
    List<String> notes,
    List<String> sources) {

  public ReportInput {
    runs = List.copyOf(runs);
    noise = List.copyOf(noise);
    notes = List.copyOf(notes);
    sources = List.copyOf(sources);
  }
}
