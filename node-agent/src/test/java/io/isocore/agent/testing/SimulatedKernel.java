package io.isocore.agent.testing;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.PartitionSupport;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.HugepageSize;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Wraps the real adapter over a {@link FakeCgroupTree} and adds what the kernel would do: refuse
 * cgroup v1 writes that break the parent-contains-child rule (EINVAL), recompute the effective
 * lists of the written subtree and the {@code Cpus_allowed_list} of its threads, answer EROFS when
 * the file system is read-only, and run a hook before a chosen write (to remove a cgroup mid-pass).
 * Every call still goes through the real adapter's files.
 */
public final class SimulatedKernel implements CpusetCgroups {

  private final FakeCgroupTree tree;
  private final CpusetCgroups real;
  private boolean readOnly;
  private int writesSeen;
  private String hookCgroup;
  private Consumer<String> hook = c -> {};

  /** Wraps the adapter of {@code tree}. */
  public SimulatedKernel(FakeCgroupTree tree) {
    this.tree = tree;
    this.real = tree.adapter();
  }

  /** Makes every later write fail with EROFS. */
  public SimulatedKernel readOnly() {
    readOnly = true;
    return this;
  }

  /** Runs {@code action} once, just before the first cpuset write to {@code cgroup}. */
  public SimulatedKernel beforeFirstWriteTo(String cgroup, Consumer<String> action) {
    hookCgroup = cgroup;
    hook = action;
    return this;
  }

  /** Returns the cpuset writes attempted through this wrapper. */
  public int cpusetWrites() {
    return writesSeen;
  }

  private void beforeCpusetWrite(String cgroup, String file, CpuSet value)
      throws CgroupAccessException {
    writesSeen++;
    if (cgroup.equals(hookCgroup)) {
      hookCgroup = null;
      hook.accept(cgroup);
    }
    Path path = real.cpusetDir(cgroup).resolve(file);
    if (readOnly) {
      throw new CgroupAccessException(
          "writing '" + value + "' to",
          path,
          new FileSystemException(path.toString(), null, "Read-only file system"));
    }
    if (real.version() == CgroupVersion.V1
        && !cgroup.isEmpty()
        && Files.isDirectory(real.cpusetDir(cgroup))) {
      boolean cpus = file.equals("cpuset.cpus");
      String parent = cgroup.contains("/") ? cgroup.substring(0, cgroup.lastIndexOf('/')) : "";
      CpuSet parentValue = cpus ? real.cpus(parent) : real.mems(parent);
      boolean ok = parentValue.containsAll(value);
      for (String child : real.children(cgroup)) {
        ok &= value.containsAll(cpus ? real.cpus(child) : real.mems(child));
      }
      if (!ok) {
        throw new CgroupAccessException(
            "writing '" + value + "' to",
            path,
            new FileSystemException(path.toString(), null, "Invalid argument"));
      }
    }
  }

  @Override
  public void writeCpus(String cgroup, CpuSet cpus) throws CgroupAccessException {
    beforeCpusetWrite(cgroup, "cpuset.cpus", cpus);
    real.writeCpus(cgroup, cpus);
    syncEffective(cgroup);
  }

  @Override
  public void writeMems(String cgroup, CpuSet mems) throws CgroupAccessException {
    beforeCpusetWrite(cgroup, "cpuset.mems", mems);
    real.writeMems(cgroup, mems);
    syncEffective(cgroup);
  }

  /** Recomputes effective lists below {@code cgroup} and its threads' affinity, as the kernel. */
  public void syncEffective(String cgroup) throws CgroupAccessException {
    String parent = cgroup.contains("/") ? cgroup.substring(0, cgroup.lastIndexOf('/')) : "";
    CpuSet parentCpus = cgroup.isEmpty() ? real.cpus("") : real.cpusEffective(parent);
    CpuSet parentMems = cgroup.isEmpty() ? real.mems("") : real.memsEffective(parent);
    List<String> todo = new ArrayList<>(List.of(cgroup));
    List<CpuSet[]> inherited = new ArrayList<>();
    inherited.add(new CpuSet[] {parentCpus, parentMems});
    while (!todo.isEmpty()) {
      String c = todo.removeLast();
      CpuSet[] from = inherited.removeLast();
      CpuSet own = real.cpus(c);
      CpuSet ownMems = real.mems(c);
      CpuSet cpus = own.isEmpty() ? from[0] : own.intersection(from[0]);
      CpuSet mems = ownMems.isEmpty() ? from[1] : ownMems.intersection(from[1]);
      boolean v1 = real.version() == CgroupVersion.V1;
      Path dir = real.cpusetDir(c);
      if (!c.equals(cgroup)
          && cpus.equals(real.cpusEffective(c))
          && mems.equals(real.memsEffective(c))) {
        continue; // unchanged here, so unchanged below: the kernel does not touch this subtree
      }
      FakeCgroupTree.write(
          dir.resolve(v1 ? "cpuset.effective_cpus" : "cpuset.cpus.effective"), cpus + "\n");
      FakeCgroupTree.write(
          dir.resolve(v1 ? "cpuset.effective_mems" : "cpuset.mems.effective"), mems + "\n");
      for (long pid : real.procs(c)) {
        Path tasks = tree.proc().resolve(pid + "/task");
        if (Files.isDirectory(tasks)) {
          for (String tid : java.util.Objects.requireNonNull(tasks.toFile().list())) {
            FakeCgroupTree.write(
                tasks.resolve(tid + "/status"), FakeCgroupTree.status(Long.parseLong(tid), cpus));
          }
        }
      }
      for (String child : real.children(c)) {
        todo.add(child);
        inherited.add(new CpuSet[] {cpus, mems});
      }
    }
  }

  @Override
  public CgroupVersion version() {
    return real.version();
  }

  @Override
  public Path root() {
    return real.root();
  }

  @Override
  public Path cpusetDir(String cgroup) {
    return real.cpusetDir(cgroup);
  }

  @Override
  public boolean exists(String cgroup) {
    return real.exists(cgroup);
  }

  @Override
  public List<String> children(String cgroup) throws CgroupAccessException {
    return real.children(cgroup);
  }

  @Override
  public CpuSet cpus(String cgroup) throws CgroupAccessException {
    return real.cpus(cgroup);
  }

  @Override
  public CpuSet mems(String cgroup) throws CgroupAccessException {
    return real.mems(cgroup);
  }

  @Override
  public CpuSet cpusEffective(String cgroup) throws CgroupAccessException {
    return real.cpusEffective(cgroup);
  }

  @Override
  public CpuSet memsEffective(String cgroup) throws CgroupAccessException {
    return real.memsEffective(cgroup);
  }

  @Override
  public OptionalLong cpuWeight(String cgroup) throws CgroupAccessException {
    return real.cpuWeight(cgroup);
  }

  @Override
  public long nativeWeight(int cpuWeight) {
    return real.nativeWeight(cpuWeight);
  }

  @Override
  public void writeCpuWeight(String cgroup, long nativeWeight) throws CgroupAccessException {
    real.writeCpuWeight(cgroup, nativeWeight);
  }

  @Override
  public OptionalLong cpuQuotaMicros(String cgroup) throws CgroupAccessException {
    return real.cpuQuotaMicros(cgroup);
  }

  @Override
  public void writeCpuQuotaMicros(String cgroup, long micros) throws CgroupAccessException {
    real.writeCpuQuotaMicros(cgroup, micros);
  }

  @Override
  public OptionalLong hugetlbLimit(String cgroup, HugepageSize size) throws CgroupAccessException {
    return real.hugetlbLimit(cgroup, size);
  }

  @Override
  public OptionalLong hugetlbUsage(String cgroup, HugepageSize size) throws CgroupAccessException {
    return real.hugetlbUsage(cgroup, size);
  }

  @Override
  public void writeHugetlbLimit(String cgroup, HugepageSize size, long bytes)
      throws CgroupAccessException {
    real.writeHugetlbLimit(cgroup, size, bytes);
  }

  @Override
  public List<Long> procs(String cgroup) throws CgroupAccessException {
    return real.procs(cgroup);
  }

  @Override
  public void attach(String cgroup, long pid) throws CgroupAccessException {
    real.attach(cgroup, pid);
  }

  @Override
  public PartitionSupport partitionSupport(String cgroup) {
    return real.partitionSupport(cgroup);
  }

  @Override
  public long writes() {
    return real.writes();
  }
}
