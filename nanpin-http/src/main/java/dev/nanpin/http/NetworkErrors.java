package dev.nanpin.http;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
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

  private static String kind(Throwable failure) {
    // Most specific types first: several of these are subclasses of the later ones.
    if (failure instanceof UnknownHostException) {
      return "host not found";
    }
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    if (failure instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (failure instanceof SSLException) {
      return "TLS handshake or session failed";
    }
    if (failure instanceof InterruptedIOException) {
      return "timed out or interrupted";
    }
    if (failure instanceof EOFException) {
      return "connection closed before the response was complete";
    }
    if (failure instanceof ProtocolException) {
      return "protocol error";
    }
    if (failure instanceof SocketException) {
      return "connection reset or closed";
    }
    return "network failure";
  }
}
