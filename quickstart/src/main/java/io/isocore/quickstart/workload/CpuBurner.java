package io.isocore.quickstart.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A noisy neighbour: one busy thread per CPU it may run on, plus a little allocation and sleeping
 * so it wakes and migrates like real batch work. Its first argument names a file it touches once a
 * second, so the view can tell it is alive.
 */
public final class CpuBurner {

  private CpuBurner() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path stats = Path.of(args[0]);
    int threads = Runtime.getRuntime().availableProcessors() + 1;
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(CpuBurner::burn, "burner-" + i);
      t.setDaemon(true);
      t.start();
    }
    while (true) {
      Files.writeString(stats, threads + " threads\n");
      Thread.sleep(1000);
    }
  }

  private static void burn() {
    double x = 1;
    long n = 0;
    while (true) {
      x = Math.sqrt(x + n++) * 1.0000001;
      if ((n & 0xFFFFF) == 0) {
        byte[] garbage = new byte[64 * 1024];
        x += garbage.length;
        try {
          Thread.sleep(0, 200_000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
