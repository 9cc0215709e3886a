package io.isocore.quickstart.containerd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CRI plugin's {@code base_runtime_spec}: containerd's own default spec ({@code ctr oci spec},
 * what the CRI plugin starts from without one) plus isocore's {@code createRuntime} hook.
 */
final class BaseRuntimeSpec {

  private BaseRuntimeSpec() {}

  /** Writes the spec to {@code file}, from {@code ctr}'s default. */
  static void write(Path ctr, StartHook hook, Path file) throws RuntimeUnavailableException {
    String defaults;
    try {
      Process p = new ProcessBuilder(ctr.toString(), "oci", "spec").start();
      defaults = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new RuntimeUnavailableException("ctr oci spec failed: " + defaults.strip());
      }
      Files.writeString(file, withHook(defaults, hook));
    } catch (IOException e) {
      throw new RuntimeUnavailableException("base runtime spec: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeUnavailableException("interrupted while writing the base runtime spec", e);
    }
  }

  /** Adds the hook to {@code specJson}'s {@code hooks.createRuntime}. */
  static String withHook(String specJson, StartHook hook) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode spec = (ObjectNode) json.readTree(specJson);
    ObjectNode hooks = spec.get("hooks") instanceof ObjectNode h ? h : spec.putObject("hooks");
    ArrayNode createRuntime =
        hooks.get("createRuntime") instanceof ArrayNode a ? a : hooks.putArray("createRuntime");
    ObjectNode entry = createRuntime.addObject();
    entry.put("path", hook.script().toAbsolutePath().toString());
    ArrayNode args = entry.putArray("args");
    hook.args().forEach(args::add);
    // runc kills a hook past its timeout; the hook's own wait ends first.
    entry.put("timeout", (int) Math.max(1, hook.pinWait().toSeconds()) + 10);
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
  }
}
