package io.isocore.agent.cgroup;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.AgentCpuset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The enforcement adapter on cgroup v2 with the agent's own container widened ({@link
 * AgentCpuset}): every call goes to the plain adapter, except that {@code cpus} of the agent's
 * cgroup and its ancestors reads without the added CPUs (the plan is made as if they were not
 * there, so a node that matches still means zero writes) and {@code writeCpus} of them writes the
 * planned value with the added CPUs. {@link #topUp} adds them where a pass wrote nothing. A proxy,
 * so that adapter methods added later pass through unchanged.
 */
public final class AgentCpusetCgroups {

  private final CpusetCgroups plain;
  private final CpusetCgroups view;
  private volatile AgentCpuset own = AgentCpuset.none();

  /** Wraps {@code plain}; nothing is added until {@link #set}. */
  public AgentCpusetCgroups(CpusetCgroups plain) {
    this.plain = plain;
    this.view =
        (CpusetCgroups)
            Proxy.newProxyInstance(
                CpusetCgroups.class.getClassLoader(),
                new Class<?>[] {CpusetCgroups.class},
                (proxy, method, args) -> call(method, args));
  }

  /**
   * Finds the agent's own cpuset cgroup, relative to the hierarchy root: the cgroup its {@code
   * /proc/self/cgroup} ({@code procSelf}) names, found under the hierarchy as for {@link
   * ThreadCgroup} (sandbox prefixes dropped) by its {@code cgroup.threads} listing {@code pid}. In
   * a private cgroup namespace that file says only {@code 0::/}; then the cgroup below {@code
   * searchUnder} whose {@code cgroup.procs} lists {@code pid} (the host's PID with hostPID) is the
   * one. Always by membership, never by name.
   */
  public static Optional<String> ownCgroup(
      CgroupHierarchy hierarchy, String procSelf, long pid, String searchUnder) {
    Path root = hierarchy.cpusetRoot();
    Optional<Path> dir =
        ThreadCgroup.locate(hierarchy, procSelf, pid)
            .map(ThreadCgroup::dir)
            .filter(d -> !d.equals(root))
            .or(() -> member(root.resolve(searchUnder), pid));
    return dir.map(d -> root.relativize(d).toString().replace('\\', '/'));
  }

  /** The cgroup at or below {@code top} whose {@code cgroup.procs} lists {@code pid}. */
  private static Optional<Path> member(Path top, long pid) {
    String wanted = Long.toString(pid);
    try (Stream<Path> dirs = Files.walk(top, 8)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> lists(d.resolve("cgroup.procs"), wanted))
          .findFirst();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  private static boolean lists(Path file, String pid) {
    try {
      return Files.isRegularFile(file)
          && Files.readAllLines(file).stream().anyMatch(l -> l.strip().equals(pid));
    } catch (IOException e) {
      return false;
    }
  }

  /** Returns the adapter enforcement writes through. */
  public CpusetCgroups adapter() {
    return view;
  }

  /** Sets what is added, for the writes from now on. */
  public void set(AgentCpuset own) {
    this.own = own;
  }

  /** Returns what is added. */
  public AgentCpuset current() {
    return own;
  }

  /**
   * Adds the CPUs to the agent's chain where it lacks them, parents first; returns the writes made.
   */
  public Map<String, CpuSet> topUp() throws CgroupAccessException {
    AgentCpuset o = own;
    Map<String, CpuSet> current = new HashMap<>();
    for (String path : o.chain()) {
      if (plain.exists(path)) {
        current.put(path, plain.cpus(path));
      }
    }
    Map<String, CpuSet> writes = o.topUp(current);
    for (Map.Entry<String, CpuSet> w : writes.entrySet()) {
      plain.writeCpus(w.getKey(), w.getValue());
    }
    return writes;
  }

  private Object call(Method method, Object[] args) throws Throwable {
    AgentCpuset o = own;
    if (method.getName().equals("cpus") && args != null && args.length == 1) {
      String path = (String) args[0];
      return o.observed(path, plain.cpus(path));
    }
    if (method.getName().equals("writeCpus") && args != null && args.length == 2) {
      String path = (String) args[0];
      plain.writeCpus(path, o.written(path, (CpuSet) args[1]));
      return null;
    }
    try {
      return method.invoke(plain, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
