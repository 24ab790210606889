package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.testkit.PrometheusText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nanpin run --http 127.0.0.1:0} on a paper replay of a CSV: every endpoint answers a real
 * HTTP client while the replay runs, the control endpoints need the YAML's token, and the YAML's
 * Telegram chat (a local stand-in of the Bot API) hears the fills.
 */
class RunHttpTest {
  static final String TOKEN = "cli-http-token-0123456789";
  static final String TG_TOKEN = "123456:SYNTHETIC-cli-telegram";
  static final Pattern SERVING = Pattern.compile("nanpin run: serving http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path dir;
  @StartStop private final MockWebServer telegramApi = new MockWebServer();
  final List<String> messages = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  int port;

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody());
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPaperReplayStartedFromTheCliServesEveryEndpointAndNotifiesTelegram() throws Exception {
    telegramApi.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        messages.add(URLDecoder.decode(r.getBody().utf8(), StandardCharsets.UTF_8));
        return new MockResponse.Builder().code(200).body("{\"ok\":true,\"result\":{}}").build();
      }
    });
    PaperBot bot = new PaperBot(dir, 100);
    // the secrets come from the secrets file here (the environment of a test cannot be set)
    Files.writeString(dir.resolve("secrets.yaml"), """
        http:
          token: %s
        notifications:
          telegram:
            token: '%s'
            chatId: '-100555'
        """.formatted(TOKEN, TG_TOKEN));
    Files.writeString(bot.yaml, Files.readString(bot.yaml) + """
        secretsFile: secrets.yaml
        http:
          bind: 127.0.0.1:8089
        notifications:
          telegram:
            events: [fill]
            summaryEvery: 0s
            apiUrl: %s
        """.formatted(telegramApi.url("/")));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    // 1 h bars at 12 000x: 300 ms a bar, so the 40 replayed bars leave time to ask
    Thread run = new Thread(() -> code.set(Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
        "run", "--config", bot.yaml.toString(), "--http", "127.0.0.1:0", "--speed", "12000")), "nanpin-run");
    run.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Matcher m = SERVING.matcher("");
      while (System.nanoTime() < deadline && run.isAlive() && !(m = SERVING.matcher(out.toString())).find()) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      assertThat(m.find(0)).as("serving line in %s / %s", out, err).isTrue();
      port = Integer.parseInt(m.group(1));
      assertThat(port).as("--http overrides the YAML's bind").isNotEqualTo(8089);

      HttpResponse<String> health = get("/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
      assertThat(get("/ready").body()).contains("\"ready\":");
      assertThat(get("/api/status").body()).contains("\"bot\":\"paper-crash\"", "\"symbol\":\"SOL_USDC\"");
      assertThat(get("/api/orders?limit=5").statusCode()).isEqualTo(200);
      assertThat(get("/api/fills?page=0&size=5").body()).contains("\"total\":");
      assertThat(get("/api/equity").statusCode()).isEqualTo(200);
      assertThat(get("/api/audit?limit=5").body()).contains("\"action\":");
      assertThat(get("/").body()).contains("paper-crash", "<html");
      String metrics = get("/metrics").body();
      assertThat(metrics).contains("nanpin_position_base{bot=\"paper-crash\",symbol=\"SOL_USDC\"}",
          "nanpin_equity_quote{", "nanpin_orders{");
      PrometheusText.assertParses(metrics);

      assertThat(post("/api/pause", null).statusCode()).isEqualTo(401);
      assertThat(post("/api/pause", TOKEN + "x").statusCode()).isEqualTo(401);
      assertThat(post("/api/pause", TOKEN).statusCode()).isEqualTo(200);
      assertThat(get("/api/status").body()).contains("\"paused\":true");
      assertThat(post("/api/resume", TOKEN).statusCode()).isEqualTo(200);
    } finally {
      run.join(TimeUnit.MINUTES.toMillis(2));
    }
    assertThat(run.isAlive()).isFalse();
    assertThat(code.get()).as(err.toString()).isZero();
    assertThat(out.toString()).contains("replay finished");
    assertThat(messages).isNotEmpty();
    assertThat(messages.get(0)).contains("chat_id=-100555", "text=paper-crash: fill\n");
    assertThat(out.toString() + err).doesNotContain(TOKEN).doesNotContain(TG_TOKEN);
  }
}
