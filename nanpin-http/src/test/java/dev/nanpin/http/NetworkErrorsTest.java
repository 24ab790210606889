package dev.nanpin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class NetworkErrorsTest {

  @Test
  void transportFailuresAreNamedInWordsNotClassNames() {
    assertThat(NetworkErrors.describe(new UnknownHostException("api.example.test")))
        .isEqualTo("host not found (api.example.test)");
    assertThat(NetworkErrors.describe(new ConnectException("Connection refused")))
        .isEqualTo("connection refused (Connection refused)");
    assertThat(NetworkErrors.describe(new SocketTimeoutException())).isEqualTo("timed out or interrupted");
    assertThat(NetworkErrors.describe(new EOFException()))
        .isEqualTo("connection closed before the response was complete");
    assertThat(NetworkErrors.describe(new SocketException("Connection reset")))
        .isEqualTo("connection reset or closed (Connection reset)");
    assertThat(NetworkErrors.describe(new IOException("  "))).isEqualTo("network failure");
  }
}
