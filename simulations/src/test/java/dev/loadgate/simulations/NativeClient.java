package dev.loadgate.simulations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * The smallest client that can fetch a URL, as curl does: a new connection per request, one request
 * written, the whole answer read until the server closes. Its timings are the ground truth the
 * recorded samples are compared with. Not thread-safe.
 */
final class NativeClient {
  private final URI base;
  private final String cookie;
  final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  long failures;

  NativeClient(URI base, String cookie) {
    this.base = base;
    this.cookie = cookie;
  }

  /** Fetches {@code path} once and records connect-to-last-byte time; 200 answers only. */
  void get(String path) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + ":"
              + base.getPort()
              + "\r\nAccept: application/pdf\r\nCookie: "
              + cookie
              + "\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[16_384];
      byte[] head = new byte[12];
      int headRead = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        for (int i = 0; i < n && headRead < head.length; i++) {
          head[headRead++] = buffer[i];
        }
      }
      long elapsed = System.nanoTime() - start;
      if (new String(head, 0, headRead, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
        latencyMicros.recordValue(elapsed / 1_000);
      } else {
        failures++;
      }
    } catch (IOException e) {
      failures++;
    }
  }
}
