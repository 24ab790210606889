package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.DataQuery;
import dev.nanpin.DataSource;
import dev.nanpin.http.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A server that echoes the whole request (query and headers) into its answers, as some proxies
 * and error pages do: no source's key appears in any log line (DEBUG included) nor in any
 * exception message, whatever the status.
 */
class SecretsInLogsTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime(Instant.parse("2026-06-15T12:00:00Z"));

  private void echo(int status) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String echo = r.getMethod() + " " + r.getUrl() + "\n" + r.getHeaders();
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "text/plain").body(echo).build();
      }
    });
  }

  private record Case(String name, String key, Function<SourceConfig, DataSource> make, Object query) {}

  private List<Case> cases() {
    return List.of(
        new Case("coingecko", "CG-synthetic-key-0001", CoinGeckoSource::new, new DataQuery.Price("bitcoin", "usd")),
        new Case("cmc", "cmc-synthetic-key-0002", CoinMarketCapSource::new, new DataQuery.Price("BTC", "usd")),
        new Case("fred", "fredsynthetickey000000000000003a", FredSource::new,
            new DataQuery.Series("DGS10", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 5))),
        new Case("coinglass", "cg-synthetic-key-00004", CoinGlassSource::new, new DataQuery.Liquidations("btc")));
  }

  @Test
  void noKeyInDebugLogsOrMessagesForAnySourceWhateverTheStatus() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> messages = new ArrayList<>();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (int status : new int[] {500, 400, 403, 200}) {
        echo(status);
        for (Case c : cases()) {
          SourceConfig config = time.config().apiKey(c.key()).baseUrl(server.url("/").toString())
              .retry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20))).build();
          DataSource source = c.make().apply(config);
          try {
            source.fetch((DataQuery<?>) c.query());
            messages.add(c.name() + " " + status + ": no error");
          } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
              messages.add(c.name() + " " + status + ": " + t);
              for (Throwable s : t.getSuppressed()) {
                messages.add(c.name() + " " + status + " suppressed: " + s);
              }
            }
          }
        }
      }
    } finally {
      System.setErr(err);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    // not vacuous: DEBUG lines of the HTTP layer were captured, and the server did echo the keys
    assertThat(logs).contains("DEBUG dev.nanpin.http.HttpJson");
    assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(16);
    for (Case c : cases()) {
      assertThat(logs).as("logs of %s", c.name()).doesNotContain(c.key());
      assertThat(messages).as("messages of %s", c.name()).noneMatch(m -> m.contains(c.key()));
    }
  }
}
