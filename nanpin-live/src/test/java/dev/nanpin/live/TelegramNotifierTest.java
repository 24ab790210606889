package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Against a local stand-in of Telegram's Bot API: no network. */
class TelegramNotifierTest {
  static final String TOKEN = "123456:SYNTHETIC-token-for-tests";

  @StartStop private final MockWebServer api = new MockWebServer();

  URI base() {
    return URI.create(api.url("/").toString());
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
      assertThat(n.toString()).doesNotContain(TOKEN).contains("token ***");
    }
  }

  @Test
  void messagesKeepToOneASecondForTheChat() throws Exception {
    for (int i = 0; i < 3; i++) {
      api.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
    }
    try (TelegramNotifier n = new TelegramNotifier("bot", TOKEN, "1", base())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        n.notify(Notifier.ERROR, Map.of("error", "e" + i));
      }
      for (int i = 0; i < 3; i++) {
        assertThat(api.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
      }
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1900));
    }
  }

  @Test
  void aRefusedOrFailedSendIsLoggedWithoutTheToken() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      api.enqueue(new MockResponse.Builder().code(401).body("{\"ok\":false,\"description\":\"Unauthorized\"}").build());
      try (TelegramNotifier n = new TelegramNotifier("bot", TOKEN, "1", base())) {
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
  void theEnvironmentMustNameTokenAndChat() {
    assertThatThrownBy(() -> TelegramNotifier.fromEnvironment("b", Map.of(TelegramNotifier.CHAT_ENV, "1")))
        .hasMessageContaining(TelegramNotifier.TOKEN_ENV);
    assertThatThrownBy(() -> TelegramNotifier.fromEnvironment("b", Map.of(TelegramNotifier.TOKEN_ENV, TOKEN)))
        .hasMessageContaining(TelegramNotifier.CHAT_ENV).satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }
}
