package io.isocore.core.node;

/**
 * A part of sysfs or procfs the agent could not use: the file, relative to the filesystem root
 * (printed as an absolute path of the machine read, such as {@code
 * /sys/devices/system/cpu/online}), and what was wrong with it. The rest of the reading goes on
 * without it.
 *
 * @param file the file as seen on the machine read
 * @param problem what was expected and what was found
 */
public record Degradation(String file, String problem) {

  /** Returns "file: problem", the form used in logs, conditions and the CLI. */
  public String describe() {
    return file + ": " + problem;
  }
}
