package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.VenueUnavailableException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The Flipside JSON-RPC client against a local stand-in, with fake time for the polls. */
class FlipsideClientTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY = "synthetic-flipside-key-0123";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  private FlipsideClient client(Duration deadline) {
    return new FlipsideClient(new FlipsideClient.Settings(server.url("/").toString(), KEY, Duration.ofSeconds(1),
        Duration.ofSeconds(4), deadline, 2, 0, null, nanos::get, d -> {
          sleeps.add(d);
          nanos.addAndGet(d.toNanos());
        }));
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  /** Answers like the v2 API: the run is RUNNING for {@code runningPolls} polls, then SUCCESS; 3 rows in pages of 2. */
  private void venue(int runningPolls, String finalState) {
    AtomicInteger polls = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        JsonNode req;
        try {
          req = MAPPER.readTree(r.getBody().utf8());
        } catch (Exception e) {
          return new MockResponse.Builder().code(400).build();
        }
        requests.add(req);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/json-rpc");
        assertThat(r.getHeaders().get("x-api-key")).isEqualTo(KEY);
        String id = req.get("id").asText();
        JsonNode p = req.get("params").get(0);
        return switch (req.get("method").asText()) {
          case "createQueryRun" -> json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"queryRequest\":{\"id\":\"qr1\"},"
              + "\"queryRun\":{\"id\":\"clrun123\",\"state\":\"QUERY_STATE_READY\"}}}");
          case "getQueryRun" -> json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"queryRun\":{\"id\":\"clrun123\","
              + "\"state\":\"" + (polls.incrementAndGet() <= runningPolls ? "QUERY_STATE_RUNNING" : finalState)
              + "\",\"errorMessage\":" + (finalState.endsWith("FAILED") ? "\"SQL compilation error\"" : "null") + "}}}");
          case "getQueryRunResults" -> json(p.get("page").get("number").asInt() == 1
              ? "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"columnNames\":[\"BLOCK_DATE\",\"volume_usd\"],"
                  + "\"columnTypes\":[\"date\",\"number\"],\"rows\":[{\"block_date\":\"2026-01-01\",\"volume_usd\":1234.5},"
                  + "{\"block_date\":\"2026-01-02\",\"volume_usd\":null}],\"page\":{\"currentPageNumber\":1,"
                  + "\"currentPageSize\":2,\"totalRows\":3,\"totalPages\":2}}}"
              : "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"columnNames\":[\"BLOCK_DATE\",\"volume_usd\"],"
                  + "\"columnTypes\":[\"date\",\"number\"],\"rows\":[[\"2026-01-03\",\"99.25\"]],\"page\":"
                  + "{\"currentPageNumber\":2,\"currentPageSize\":2,\"totalRows\":3,\"totalPages\":2}}}");
          default -> json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        };
      }
    });
  }

  @Test
  void submitsPollsWithBackoffAndPagesEveryRowIntoTypedRows() {
    venue(3, "QUERY_STATE_SUCCESS");
    FlipsideClient.Result r = client(Duration.ofMinutes(1)).query("select block_date, volume_usd from x");
    assertThat(r.queryRunId()).isEqualTo("clrun123");
    assertThat(r.columns()).containsExactly("block_date", "volume_usd");
    assertThat(r.types()).containsExactly("date", "number");
    assertThat(r.rows()).hasSize(3);
    assertThat(r.rows().get(0).decimal("VOLUME_USD")).isEqualByComparingTo("1234.5");
    assertThat(r.rows().get(1).decimal("volume_usd")).isNull();
    assertThat(r.rows().get(2).text("block_date")).isEqualTo("2026-01-03");
    assertThat(r.rows().get(2).decimal("volume_usd")).isEqualByComparingTo("99.25");
    assertThatThrownBy(() -> r.rows().get(0).decimal("block_date")).isInstanceOf(DataException.class)
        .satisfies(e -> assertThat(((DataException) e).field()).isEqualTo("block_date"));
    // three RUNNING answers: waits of 1 s, 2 s, 4 s (capped at 4 s)
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    JsonNode create = requests.get(0);
    assertThat(create.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(create.get("method").asText()).isEqualTo("createQueryRun");
    assertThat(create.get("params").get(0).get("sql").asText()).isEqualTo("select block_date, volume_usd from x");
    assertThat(requests).extracting(n -> n.get("method").asText()).containsExactly("createQueryRun", "getQueryRun",
        "getQueryRun", "getQueryRun", "getQueryRun", "getQueryRunResults", "getQueryRunResults");
  }

  @Test
  void aRunStillGoingAtTheDeadlineFailsWithoutWaitingPastIt() {
    venue(1_000, "QUERY_STATE_SUCCESS");
    assertThatThrownBy(() -> client(Duration.ofSeconds(10)).query("select 1"))
        .isInstanceOf(VenueUnavailableException.class).hasMessageContaining("deadline PT10S")
        .hasMessageContaining("RUNNING");
    assertThat(sleeps.stream().mapToLong(Duration::toMillis).sum()).isLessThanOrEqualTo(10_000);
  }

  @Test
  void aFailedRunIsADataErrorWithFlipsidesMessage() {
    venue(0, "QUERY_STATE_FAILED");
    assertThatThrownBy(() -> client(Duration.ofMinutes(1)).query("selec 1")).isInstanceOf(DataException.class)
        .hasMessageContaining("FAILED").hasMessageContaining("SQL compilation error");
  }

  @Test
  void goneServiceAnswersAreTypedAndSayWhat() {
    for (int code : new int[] {404, 410}) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
          return new MockResponse.Builder().code(code).body("<html>gone</html>").build();
        }
      });
      assertThatThrownBy(() -> client(Duration.ofMinutes(1)).submit("select 1"))
          .isInstanceOf(ServiceGoneException.class).hasMessageContaining("HTTP " + code)
          .hasMessageContaining("appears to be gone").hasMessageNotContaining(KEY)
          .satisfies(e -> assertThat(((ServiceGoneException) e).baseUrl()).isEqualTo(server.url("/").toString()));
    }
  }

  @Test
  void anUnresolvableHostIsGoneToo() {
    OkHttpClient noDns = new OkHttpClient.Builder().dns(host -> {
      throw new UnknownHostException(host + ": no such host (test resolver)");
    }).build();
    FlipsideClient c = new FlipsideClient(new FlipsideClient.Settings("https://api-v2.flipside.test", KEY,
        Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(1), 100, 0, noDns, nanos::get, d -> { }));
    assertThatThrownBy(() -> c.submit("select 1")).isInstanceOf(ServiceGoneException.class)
        .hasMessageContaining("does not resolve");
  }

  @Test
  void rejectedKeysRpcErrorsAndMissingKeysAreTyped() {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"message\":\"Unauthorized\"}").build());
    assertThatThrownBy(() -> client(Duration.ofMinutes(1)).submit("select 1")).isInstanceOf(AuthenticationException.class);
    server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"query too large\"}}"));
    assertThatThrownBy(() -> client(Duration.ofMinutes(1)).submit("select 1")).isInstanceOf(DataException.class)
        .hasMessageContaining("query too large");
    assertThatThrownBy(() -> FlipsideClient.Settings.defaults(" ")).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining(FlipsideClient.ENV_KEY);
    assertThat(client(Duration.ofMinutes(1)).toString()).doesNotContain(KEY).contains("****");
  }
}
