package io.pitchey.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks loopback TCP ports that are free at the moment of the call.
 *
 * <p>There is an unavoidable window between releasing the probe socket and the server binding the
 * port; another process could take it. Servers here therefore fail loudly (never silently) when a
 * bind fails.
 */
final class FreePorts {

  private FreePorts() {}

  /**
   * Returns {@code count} distinct free ports. All probe sockets are held open together, so the
   * kernel cannot hand out the same port twice within one call (it could across separate calls).
   */
  static int[] pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free loopback port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a probe socket cannot lose anything
        }
      }
    }
  }

  static int pickOne() {
    return pick(1)[0];
  }

  /** Returns {@code requested} unless it is 0, in which case a free port is picked. */
  static int orFree(int requested) {
    if (requested < 0 || requested > 65535) {
      throw new IllegalArgumentException(
          "port must be 0 (pick a free one) or 1..65535, was " + requested);
    }
    return requested == 0 ? pickOne() : requested;
  }
}
