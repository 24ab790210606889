package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ratelimit.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Against a local stand-in of Telegram's Bot API (no network), on fake monotonic time. */
class TelegramNotifierTest {
  static final String TOKEN = "123456:SYNTHETIC-token-for-tests";
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @StartStop private final MockWebServer api = new MockWebServer();

  /** Fake monotonic time: waiting advances it at once. */
  final AtomicLong now = new AtomicLong(1_000 * SECOND);
  final Sleeper fakeSleep = d -> now.addAndGet(Math.max(0, d.toNanos()));
  /** The fake time each request reached the stand-in, and its decoded text. */
  final List<Long> sentAt = new CopyOnWriteArrayList<>();
  final List<String> texts = new CopyOnWriteArrayList<>();

  URI base() {
    return URI.create(api.url("/").toString());
  }

  TelegramNotifier.Settings settings(Duration summaryEvery) {
    return new TelegramNotifier.Settings(TOKEN, "-100123", base(), TelegramNotifier.Settings.EVENTS, summaryEvery);
  }

  /** A stand-in that answers ok and notes the fake time of each message. */
  void recordingApi() {
    api.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        sentAt.add(now.get());
        texts.add(text(r));
        return new MockResponse.Builder().code(200).body("{\"ok\":true,\"result\":{}}").build();
      }
    });
  }

  static String text(RecordedRequest r) {
    String body = URLDecoder.decode(r.getBody().utf8(), StandardCharsets.UTF_8);
    int at = body.indexOf("&text=");
    return body.substring(at + 6, body.indexOf("&disable_web_page_preview"));
  }

  /** Waits (at most 10 s of real time) until {@code n} messages arrived. */
  void awaitMessages(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (texts.size() < n && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertThat(texts).as("messages received").hasSizeGreaterThanOrEqualTo(n);
  }

  @Test
  void eventsAreSentToSendMessageWithTheChatIdAndTheBotsName() throws Exception {
    api.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
    try (TelegramNotifier n = new TelegramNotifier("sol-ladder", TOKEN, "-100123", base())) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("side", "BUY");
      fields.put("price", "101.5");
      n.notify(Notifier.FILL, fields);
      RecordedRequest r = api.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).isNotNull();
      assertThat(r.getMethod()).isEqualTo("POST");
      assertThat(r.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/sendMessage");
      String body = URLDecoder.decode(r.getBody().utf8(), StandardCharsets.UTF_8);
      assertThat(body).contains("chat_id=-100123", "text=sol-ladder: fill\nside: BUY\nprice: 101.5");
      assertThat(n.toString()).doesNotContain(TOKEN).doesNotContain("-100123").contains("token ***");
    }
  }

  @Test
  void messagesKeepToOneASecondAndTwentyAMinuteOnFakeTime() throws Exception {
    recordingApi();
    try (TelegramNotifier n = new TelegramNotifier("bot", settings(Duration.ZERO), now::get, fakeSleep)) {
      for (int i = 0; i < 45; i++) {
        n.notify(Notifier.ERROR, Map.of("error", "e" + i));
      }
      awaitMessages(45);
    }
    assertThat(texts).first().asString().contains("e0");
    assertThat(texts).last().asString().contains("e44");
    for (int i = 1; i < sentAt.size(); i++) {
      assertThat(sentAt.get(i) - sentAt.get(i - 1)).as("gap before message %d", i).isGreaterThanOrEqualTo(SECOND);
    }
    for (int i = PerMinute.N; i < sentAt.size(); i++) {
      assertThat(sentAt.get(i) - sentAt.get(i - PerMinute.N)).as("21 messages span more than a minute")
          .isGreaterThanOrEqualTo(60 * SECOND);
    }
    // the first twenty go a second apart, the 21st waits for the first to leave the minute
    assertThat(sentAt.get(19) - sentAt.get(0)).isEqualTo(19 * SECOND);
    assertThat(sentAt.get(20) - sentAt.get(0)).isEqualTo(60 * SECOND);
  }

  /** Telegram's per-minute limit, named for the assertions. */
  static final class PerMinute {
    static final int N = TelegramNotifier.PER_MINUTE;
  }

  @Test
  void aFullQueueDropsAndSaysHowManyInTheNextMessage() throws Exception {
    recordingApi();
    // the sender is held in its first wait for the stand-in, so that the queue fills up
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    api.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        release.await(10, TimeUnit.SECONDS);
        texts.add(text(r));
        return new MockResponse.Builder().code(200).body("{\"ok\":true}").build();
      }
    });
    try (TelegramNotifier n = new TelegramNotifier("bot", settings(Duration.ZERO), now::get, fakeSleep)) {
      n.notify(Notifier.ERROR, Map.of("error", "first"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (api.getRequestCount() == 0 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
      for (int i = 0; i < 105; i++) {
        n.notify(Notifier.ERROR, Map.of("error", "e" + i));
      }
      release.countDown();
      awaitMessages(101);
    }
    assertThat(texts.get(1)).contains("e0", "(5 earlier notifications dropped to keep within Telegram's limits)");
  }

  @Test
  void theSummaryIsSentEveryPeriodOfFakeTimeWithTheBotsFigures() throws Exception {
    recordingApi();
    EngineStatus status = new EngineStatus("bot", "BTC_USDC", "running", Instant.parse("2025-01-02T00:00:00Z"), 0.02,
        0.02, 99_000, 2, 101_000, 10_040, 1, 2, 10, true, 0, 0, "CLOSED");
    try (TelegramNotifier n = new TelegramNotifier("bot", settings(Duration.ofDays(1)), now::get, fakeSleep)) {
      n.summarise(() -> status);
      // the sender checks whether a summary is due before each message: one before the period is not
      n.notify(Notifier.ERROR, Map.of("error", "before"));
      awaitMessages(1);
      now.addAndGet(TimeUnit.DAYS.toNanos(1));
      awaitMessages(2);
      now.addAndGet(TimeUnit.HOURS.toNanos(23));
      n.notify(Notifier.ERROR, Map.of("error", "between"));
      awaitMessages(3);
      now.addAndGet(TimeUnit.HOURS.toNanos(1));
      awaitMessages(4);
    }
    assertThat(texts).hasSize(4);
    assertThat(texts.get(0)).isEqualTo("bot: error\nerror: before");
    assertThat(texts.get(2)).isEqualTo("bot: error\nerror: between");
    assertThat(texts.get(3)).startsWith("bot: daily-summary\n");
    assertThat(texts.get(1)).startsWith("bot: daily-summary\n").contains("position: 0.02", "average entry: 99000.0",
        "price: 101000.0", "equity: 10040.0", "fills: 2", "open orders: 1");
  }

  @Test
  void onlyTheChosenEventsAreSent() throws Exception {
    recordingApi();
    TelegramNotifier.Settings s = new TelegramNotifier.Settings(TOKEN, "1", base(), Set.of(Notifier.ERROR),
        Duration.ZERO);
    try (TelegramNotifier n = new TelegramNotifier("bot", s, now::get, fakeSleep)) {
      n.notify(Notifier.FILL, Map.of("side", "BUY"));
      n.notify(Notifier.ERROR, Map.of("error", "boom"));
      awaitMessages(1);
    }
    assertThat(texts).containsExactly("bot: error\nerror: boom");
  }

  @Test
  void aRefusedOrFailedSendIsLoggedWithoutTheToken() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      api.enqueue(new MockResponse.Builder().code(401).body("{\"ok\":false,\"description\":\"Unauthorized\"}").build());
      try (TelegramNotifier n = new TelegramNotifier("bot", settings(Duration.ZERO), now::get, fakeSleep)) {
        n.notify(Notifier.ERROR, Map.of("error", "boom"));
        assertThat(api.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
      }
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("Telegram refused a notification of bot: HTTP 401").doesNotContain(TOKEN);
  }

  @Test
  void settingsNameWhatIsMissingOrWrongWithoutShowingTheToken() {
    assertThatThrownBy(() -> TelegramNotifier.fromEnvironment("b", Map.of(TelegramNotifier.CHAT_ENV, "1")))
        .hasMessageContaining(TelegramNotifier.TOKEN_ENV);
    assertThatThrownBy(() -> TelegramNotifier.fromEnvironment("b", Map.of(TelegramNotifier.TOKEN_ENV, TOKEN)))
        .hasMessageContaining(TelegramNotifier.CHAT_ENV).satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    assertThatThrownBy(() -> new TelegramNotifier.Settings(TOKEN, "1", base(), Set.of("fills"), Duration.ZERO))
        .hasMessageContaining("unknown Telegram event 'fills'").satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    assertThatThrownBy(() -> new TelegramNotifier.Settings(TOKEN, "1", base(), Set.of(), Duration.ofSeconds(5)))
        .hasMessageContaining("summaryEvery");
    assertThatThrownBy(() -> new TelegramNotifier.Settings(TOKEN, "1", URI.create("ftp://x"), Set.of(), Duration.ZERO))
        .hasMessageContaining("apiUrl");
    assertThat(TelegramNotifier.Settings.of(TOKEN, "-100123").toString()).doesNotContain(TOKEN).doesNotContain("100123");
  }
}
