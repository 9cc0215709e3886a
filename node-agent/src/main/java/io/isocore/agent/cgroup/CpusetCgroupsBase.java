package io.isocore.agent.cgroup;

import io.isocore.core.cpu.CpuListFormatException;
import io.isocore.core.cpu.CpuSet;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** What both cgroup versions share: parsing, listing children, cgroup.procs. */
abstract sealed class CpusetCgroupsBase implements CpusetCgroups
    permits CgroupV1Cpuset, CgroupV2Cpuset {

  /** Prefixes of controller files; anything else is checked with a stat. */
  private static final Set<String> FILE_PREFIXES =
      Set.of(
          "cgroup",
          "cpuset",
          "cpu",
          "cpuacct",
          "memory",
          "io",
          "pids",
          "hugetlb",
          "rdma",
          "misc",
          "blkio",
          "devices",
          "freezer",
          "net_cls",
          "net_prio",
          "perf_event",
          "irq");

  private static final Set<String> PLAIN_FILES =
      Set.of("tasks", "notify_on_release", "release_agent");

  protected final Path root;
  protected final CgroupFiles files = new CgroupFiles();

  CpusetCgroupsBase(Path root) {
    this.root = root;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public boolean exists(String cgroup) {
    return Files.isDirectory(cpusetDir(cgroup));
  }

  @Override
  public List<String> children(String cgroup) throws CgroupAccessException {
    Path dir = cpusetDir(cgroup);
    String[] names = dir.toFile().list();
    if (names == null) {
      throw new CgroupAccessException(
          "listing", dir, new NoSuchFileException(dir.toString(), null, "not a directory"));
    }
    Arrays.sort(names);
    List<String> kids = new ArrayList<>();
    for (String name : names) {
      if (looksLikeControllerFile(name)) {
        continue;
      }
      // A cgroupfs holds only interface files (named <controller>.<file>, or one of the v1 plain
      // names) and child cgroups, so a name without a dot, or a systemd unit, is a child; only
      // other dotted names cost a stat.
      boolean child =
          name.indexOf('.') < 0
              || name.endsWith(".slice")
              || name.endsWith(".scope")
              || new File(dir.toFile(), name).isDirectory();
      if (child) {
        kids.add(cgroup.isEmpty() ? name : cgroup + "/" + name);
      }
    }
    return kids;
  }

  private static boolean looksLikeControllerFile(String name) {
    if (PLAIN_FILES.contains(name)) {
      return true;
    }
    int dot = name.indexOf('.');
    return dot > 0
        && FILE_PREFIXES.contains(name.substring(0, dot))
        && !name.endsWith(".slice")
        && !name.endsWith(".scope");
  }

  /** The kernel's file for the effective CPUs: {@code cpuset.effective_cpus} on v1. */
  protected abstract String effectiveCpusFile();

  /** The kernel's file for the effective memory nodes. */
  protected abstract String effectiveMemsFile();

  @Override
  public CpuSet cpus(String cgroup) throws CgroupAccessException {
    return readList(cpusetDir(cgroup).resolve("cpuset.cpus"));
  }

  @Override
  public CpuSet mems(String cgroup) throws CgroupAccessException {
    return readList(cpusetDir(cgroup).resolve("cpuset.mems"));
  }

  @Override
  public CpuSet cpusEffective(String cgroup) throws CgroupAccessException {
    return readList(cpusetDir(cgroup).resolve(effectiveCpusFile()));
  }

  @Override
  public CpuSet memsEffective(String cgroup) throws CgroupAccessException {
    return readList(cpusetDir(cgroup).resolve(effectiveMemsFile()));
  }

  @Override
  public void writeCpus(String cgroup, CpuSet cpus) throws CgroupAccessException {
    files.write(cpusetDir(cgroup).resolve("cpuset.cpus"), cpus.toListString());
  }

  @Override
  public void writeMems(String cgroup, CpuSet mems) throws CgroupAccessException {
    files.write(cpusetDir(cgroup).resolve("cpuset.mems"), mems.toListString());
  }

  protected CpuSet readList(Path file) throws CgroupAccessException {
    String text = files.read(file);
    try {
      return CpuSet.parse(text);
    } catch (CpuListFormatException e) {
      throw new CgroupAccessException(
          "parsing", file, new IOException("'" + text + "' is not a CPU list: " + e.getMessage()));
    }
  }

  protected OptionalLong readOptionalLong(Path file) throws CgroupAccessException {
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    String text = files.read(file);
    if (text.equals("max")) {
      return OptionalLong.of(Long.MAX_VALUE);
    }
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new CgroupAccessException(
          "parsing", file, new IOException("'" + text + "' is not a number"));
    }
  }

  @Override
  public List<Long> procs(String cgroup) throws CgroupAccessException {
    Path file = cpusetDir(cgroup).resolve("cgroup.procs");
    List<Long> pids = new ArrayList<>();
    for (String line : files.read(file).split("\n")) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.strip()));
      }
    }
    return pids;
  }

  @Override
  public void attach(String cgroup, long pid) throws CgroupAccessException {
    files.write(cpusetDir(cgroup).resolve("cgroup.procs"), Long.toString(pid));
  }

  @Override
  public long writes() {
    return files.writes();
  }
}
