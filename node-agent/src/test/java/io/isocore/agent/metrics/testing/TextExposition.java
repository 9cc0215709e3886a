package io.isocore.agent.metrics.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small reader of the Prometheus text format (0.0.4) and OpenMetrics for contract tests. */
public final class TextExposition {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Map<String, String> types = new HashMap<>();
  private final Map<String, String> units = new HashMap<>();
  private final List<Sample> samples = new ArrayList<>();

  /** Parses a scrape body. */
  public TextExposition(String body) {
    for (String line : body.lines().toList()) {
      if (line.startsWith("# TYPE ")) {
        String[] t = line.split(" ");
        types.put(t[2], t[3]);
      } else if (line.startsWith("# UNIT ")) {
        String[] t = line.split(" ");
        units.put(t[2], t.length > 3 ? t[3] : "");
      } else if (!line.startsWith("#") && !line.isBlank()) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.matches()) {
          throw new IllegalArgumentException("not a sample line: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(2) != null) {
          Matcher l = LABEL.matcher(m.group(2));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
      }
    }
  }

  /** The declared type of a family, or null. */
  public String type(String family) {
    return types.get(family);
  }

  /** The declared unit of a family (OpenMetrics only), or null. */
  public String unit(String family) {
    return units.get(family);
  }

  /** All samples whose name is exactly {@code name}. */
  public List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** All samples. */
  public List<Sample> samples() {
    return samples;
  }
}
