package dev.nanpin.http;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Words for transport failures. A user reads "host not found" rather than the name of a JDK
 * exception class; the class stays available as the cause of the thrown exception.
 */
final class NetworkErrors {
  private NetworkErrors() {}

  /**
   * Describes a transport failure in plain words, followed by its own message when it has one.
   *
   * @param failure the failure (never null)
   * @return e.g. {@code "host not found (api.example.com)"}
   */
  static String describe(Throwable failure) {
    String what = kind(failure);
    String message = failure.getMessage();
    return message == null || message.isBlank() ? what : what + " (" + message + ")";
  }

  // Most specific types first: several of these are subclasses of the later ones.
  private static final List<Map.Entry<Class<? extends Throwable>, String>> KINDS = List.of(
      Map.entry(UnknownHostException.class, "host not found"),
      Map.entry(ConnectException.class, "connection refused"),
      Map.entry(NoRouteToHostException.class, "no route to host"),
      Map.entry(SSLException.class, "TLS handshake or session failed"),
      Map.entry(InterruptedIOException.class, "timed out or interrupted"),
      Map.entry(EOFException.class, "connection closed before the response was complete"),
      Map.entry(ProtocolException.class, "protocol error"),
      Map.entry(SocketException.class, "connection reset or closed"));

  private static String kind(Throwable failure) {
    for (Map.Entry<Class<? extends Throwable>, String> kind : KINDS) {
      if (kind.getKey().isInstance(failure)) {
        return kind.getValue();
      }
    }
    return "network failure";
  }
}
