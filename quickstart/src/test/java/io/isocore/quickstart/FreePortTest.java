package io.isocore.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A taken port is never handed to a component: another one is picked, and it is free. */
class FreePortTest {

  @Test
  void aTakenPreferredPortIsReplacedByAFreeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress((InetAddress) null, 0));
      int port = taken.getLocalPort();
      assertThat(FreePort.bindable(port)).isFalse();
      int picked = FreePort.preferring(port);
      assertThat(picked).isNotEqualTo(port).isPositive();
      assertThat(FreePort.bindable(picked)).isTrue();
    }
  }

  @Test
  void aFreePreferredPortIsKept() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress((InetAddress) null, 0));
      port = probe.getLocalPort();
    }
    assertThat(FreePort.preferring(port)).isEqualTo(port);
  }
}
