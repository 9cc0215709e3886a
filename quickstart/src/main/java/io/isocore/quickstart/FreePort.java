package io.isocore.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A TCP port for a component's HTTP server: the preferred one if nothing listens there, else one
 * the kernel picks. Never assumed free: it is bound once to prove it, then handed over.
 */
final class FreePort {

  private FreePort() {}

  /** Returns {@code preferred} if it can be bound on every address, else a free port. */
  static int preferring(int preferred) throws IOException {
    return bindable(preferred) ? preferred : pick();
  }

  static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress((InetAddress) null, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int pick() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress((InetAddress) null, 0));
      return socket.getLocalPort();
    }
  }
}
