package dev.nanpin.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.live.TelegramNotifier;
import dev.nanpin.spi.Plugins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http:} and {@code notifications.telegram:} sections of a bot's YAML. */
class OpsConfigTest {
  private static final Plugins PLUGINS = Plugins.load(OpsConfigTest.class.getClassLoader());
  static final String HTTP_TOKEN = "http-token-0123456789abcdef";
  static final String TG_TOKEN = "123456:SYNTHETIC-telegram-token";
  static final String CHAT = "-1009988776655";
  static final Map<String, String> ENV = Map.of("BP_KEY", "k", "NANPIN_HTTP_TOKEN", HTTP_TOKEN,
      "NANPIN_TELEGRAM_TOKEN", TG_TOKEN, "NANPIN_TELEGRAM_CHAT_ID", CHAT);

  @TempDir Path dir;

  BotConfig load(String extra) {
    return load(extra, ENV);
  }

  BotConfig load(String extra, Map<String, String> env) {
    return new BotConfigLoader(env, PLUGINS).load(BotConfigLoaderTest.YAML + extra, dir, "bot.yaml");
  }

  static ConfigException configError(Runnable r) {
    try {
      r.run();
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("no ConfigException");
  }

  @Test
  void httpIsOffUnlessConfiguredAndBindsLoopbackByDefault() {
    assertThat(load("").http().enabled()).isFalse();
    BotConfig.Http h = load("http:\n  token: ${NANPIN_HTTP_TOKEN}\n").http();
    assertThat(h.bind().getAddress().isLoopbackAddress()).isTrue();
    assertThat(h.bind().getPort()).isEqualTo(8089);
    assertThat(h.token()).isEqualTo(HTTP_TOKEN);
    BotConfig.Http explicit = load("http:\n  bind: 127.0.0.1:9100\n").http();
    assertThat(explicit.bind().getPort()).isEqualTo(9100);
    assertThat(explicit.token()).isNull();
    assertThat(h.toString()).doesNotContain(HTTP_TOKEN).contains("****");
  }

  @Test
  void httpMistakesNameTheirKey() {
    assertThat(configError(() -> load("http: {bind: 127.0.0.1}\n")).key()).isEqualTo("http.bind");
    assertThat(configError(() -> load("http: {bind: 127.0.0.1:70000}\n")).getMessage()).contains("http.bind", "65535");
    assertThat(configError(() -> load("http: {bind: '127.0.0.1:80a'}\n")).key()).isEqualTo("http.bind");
    ConfigException shortToken = configError(() -> load("http:\n  token: ${SHORT}\n", Map.of("BP_KEY", "k",
        "SHORT", "abc")));
    assertThat(shortToken.key()).isEqualTo("http.token");
    assertThat(shortToken.getMessage()).contains("at least 16").doesNotContain("abc");
    assertThat(configError(() -> load("http: {port: 8089}\n")).key()).isEqualTo("http.port");
    // a token written into the file is refused: it comes from the environment
    ConfigException inline = configError(() -> load("http: {token: " + HTTP_TOKEN + "}\n"));
    assertThat(inline.key()).isEqualTo("http.token");
    assertThat(inline.getMessage()).contains("NANPIN_HTTP__TOKEN").doesNotContain(HTTP_TOKEN);
  }

  @Test
  void telegramTakesTokenAndChatFromTheEnvironmentWithDefaults() {
    TelegramNotifier.Settings t = load("""
        notifications:
          telegram:
            token: ${NANPIN_TELEGRAM_TOKEN}
            chatId: ${NANPIN_TELEGRAM_CHAT_ID}
        """).notifications().telegram();
    assertThat(t.token()).isEqualTo(TG_TOKEN);
    assertThat(t.chatId()).isEqualTo(CHAT);
    assertThat(t.apiUrl()).isEqualTo(TelegramNotifier.API);
    assertThat(t.events()).isEqualTo(TelegramNotifier.Settings.EVENTS);
    assertThat(t.summaryEvery()).isEqualTo(Duration.ofDays(1));
    TelegramNotifier.Settings few = load("""
        notifications:
          telegram:
            token: ${NANPIN_TELEGRAM_TOKEN}
            chatId: ${NANPIN_TELEGRAM_CHAT_ID}
            events: [fill, liquidation-warning]
            summaryEvery: 0s
        """).notifications().telegram();
    assertThat(few.events()).containsExactlyInAnyOrder("fill", "liquidation-warning");
    assertThat(few.summaryEvery()).isZero();
    assertThat(load("").notifications().telegram()).isNull();
  }

  @Test
  void telegramMistakesNameTheirKeyAndNeverShowTheSecrets() {
    String both = "    token: ${NANPIN_TELEGRAM_TOKEN}\n    chatId: ${NANPIN_TELEGRAM_CHAT_ID}\n";
    assertThat(configError(() -> load("notifications:\n  telegram:\n    token: ${NANPIN_TELEGRAM_TOKEN}\n")).key())
        .isEqualTo("notifications.telegram.chatId");
    assertThat(configError(() -> load("notifications:\n  telegram:\n" + both + "    events: [fills]\n")).key())
        .isEqualTo("notifications.telegram.events");
    assertThat(configError(() -> load("notifications:\n  telegram:\n" + both + "    summaryEvery: 5s\n")).key())
        .isEqualTo("notifications.telegram.summaryEvery");
    assertThat(configError(() -> load("notifications:\n  telegram:\n" + both + "    apiUrl: 'ftp://x'\n")).key())
        .isEqualTo("notifications.telegram.apiUrl");
    assertThat(configError(() -> load("notifications:\n  telegram:\n" + both + "    chat: 1\n")).key())
        .isEqualTo("notifications.telegram.chat");
    ConfigException inlineChat = configError(() -> load(
        "notifications:\n  telegram:\n    token: ${NANPIN_TELEGRAM_TOKEN}\n    chatId: '" + CHAT + "'\n"));
    assertThat(inlineChat.key()).isEqualTo("notifications.telegram.chatId");
    assertThat(inlineChat.getMessage()).doesNotContain(CHAT);
    ConfigException unset = configError(() -> load("notifications:\n  telegram:\n" + both, Map.of("BP_KEY", "k")));
    assertThat(unset.getMessage()).contains("NANPIN_TELEGRAM_TOKEN");
  }

  @Test
  void thePrintoutAndToStringMaskTokensAndChat() {
    BotConfigLoader loader = new BotConfigLoader(ENV, PLUGINS);
    BotConfig c = loader.load(BotConfigLoaderTest.YAML + """
        http: {bind: 127.0.0.1:8089, token: "${NANPIN_HTTP_TOKEN}"}
        notifications:
          telegram:
            token: ${NANPIN_TELEGRAM_TOKEN}
            chatId: ${NANPIN_TELEGRAM_CHAT_ID}
        """, dir, "bot.yaml");
    String printed = loader.maskedYaml(c);
    assertThat(printed).contains("http:", "bind: 127.0.0.1:8089", "telegram:", "summaryEvery: PT24H")
        .doesNotContain(HTTP_TOKEN, TG_TOKEN, CHAT);
    assertThat(c.toString()).doesNotContain(HTTP_TOKEN, TG_TOKEN, CHAT);
    // the printout loads again (its masks aside): the same shape as the input
    assertThat(printed).contains("token: '****'").contains("chatId: '****'");
  }
}
