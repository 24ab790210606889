package dev.nanpin.live;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the engine's notable events (fills, errors, liquidation-distance warnings, reconnect
 * storms, the daily summary) to a Telegram chat through the Bot API's {@code sendMessage}.
 *
 * <p>{@link #notify} never blocks the engine: messages go into a bounded queue that one daemon
 * thread sends. Sending keeps within Telegram's limits for one chat (at most one message a second
 * and {@value #PER_MINUTE} a minute); what does not fit is counted and said in the next message
 * rather than queued without bound. A message that fails is logged at WARN without the token, and
 * not retried (a notification is not worth a second one arriving out of order).
 *
 * <p>The bot token and chat id come from the environment ({@link #fromEnvironment}) or the
 * caller; the token never appears in a log line, an exception or {@code toString()}.
 */
public final class TelegramNotifier implements Notifier, AutoCloseable {
  /** The environment variable holding the bot token. */
  public static final String TOKEN_ENV = "NANPIN_TELEGRAM_TOKEN";
  /** The environment variable holding the chat id. */
  public static final String CHAT_ENV = "NANPIN_TELEGRAM_CHAT_ID";
  /** Messages per minute at most, Telegram's limit for a group chat. */
  public static final int PER_MINUTE = 20;

  private static final Logger LOG = LoggerFactory.getLogger(TelegramNotifier.class);
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final String botName;
  private final String token;
  private final String chatId;
  private final URI baseUrl;
  private final HttpClient http;
  private final LongSupplier nanoTime;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(100);
  private final ArrayDeque<Long> sentTimes = new ArrayDeque<>();
  private final Thread sender;
  private volatile boolean closed;
  private int dropped;

  /**
   * @param botName the bot's name, put in front of every message
   * @param token the Telegram bot token
   * @param chatId the chat to send to
   * @param baseUrl the Bot API's base URL, {@code https://api.telegram.org} (another for tests)
   */
  public TelegramNotifier(String botName, String token, String chatId, URI baseUrl) {
    this(botName, token, chatId, baseUrl, System::nanoTime);
  }

  TelegramNotifier(String botName, String token, String chatId, URI baseUrl, LongSupplier nanoTime) {
    this.botName = Objects.requireNonNull(botName, "botName");
    this.token = requireText(token, "Telegram bot token");
    this.chatId = requireText(chatId, "Telegram chat id");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.nanoTime = nanoTime;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.sender = new Thread(this::sendLoop, "nanpin-telegram-" + botName);
    sender.setDaemon(true);
    sender.start();
  }

  /**
   * A notifier configured from {@value #TOKEN_ENV} and {@value #CHAT_ENV}.
   *
   * @param botName the bot's name
   * @param env the environment, e.g. {@code System.getenv()}
   * @return the notifier
   * @throws IllegalArgumentException naming the variable that is missing
   */
  public static TelegramNotifier fromEnvironment(String botName, Map<String, String> env) {
    String token = env.get(TOKEN_ENV);
    String chat = env.get(CHAT_ENV);
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("Telegram notifications need the bot token in " + TOKEN_ENV);
    }
    if (chat == null || chat.isBlank()) {
      throw new IllegalArgumentException("Telegram notifications need the chat id in " + CHAT_ENV);
    }
    return new TelegramNotifier(botName, token, chat, URI.create("https://api.telegram.org"));
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
    return s.trim();
  }

  @Override
  public void notify(String event, Map<String, String> fields) {
    if (closed) {
      return;
    }
    StringBuilder text = new StringBuilder().append(botName).append(": ").append(event);
    fields.forEach((k, v) -> text.append("\n").append(k).append(": ").append(v));
    if (!queue.offer(text.toString())) {
      synchronized (this) {
        dropped++;
      }
    }
  }

  /**
   * Queues the daily summary of a bot's status.
   *
   * @param status the status to summarise
   */
  public void dailySummary(EngineStatus status) {
    notify("daily-summary", Map.of(
        "state", status.state(),
        "position", Double.toString(status.positionQuantity()),
        "average entry", Double.toString(status.averageEntryPrice()),
        "price", Double.toString(status.price()),
        "equity", Double.toString(status.equity()),
        "fills", Long.toString(status.fills())));
  }

  private void sendLoop() {
    while (!closed || !queue.isEmpty()) {
      String text;
      try {
        text = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (text == null) {
        continue;
      }
      try {
        waitForSlot();
      } catch (InterruptedException e) {
        return;
      }
      int skipped;
      synchronized (this) {
        skipped = dropped;
        dropped = 0;
      }
      send(skipped > 0 ? text + "\n(" + skipped + " earlier notifications dropped to keep within Telegram's limits)" : text);
    }
  }

  /** Waits until one more message keeps within one a second and {@value #PER_MINUTE} a minute. */
  private void waitForSlot() throws InterruptedException {
    while (true) {
      long now = nanoTime.getAsLong();
      while (!sentTimes.isEmpty() && now - sentTimes.peekFirst() >= MINUTE) {
        sentTimes.pollFirst();
      }
      long wait = 0;
      if (!sentTimes.isEmpty()) {
        wait = Math.max(wait, sentTimes.peekLast() + SECOND - now);
      }
      if (sentTimes.size() >= PER_MINUTE) {
        wait = Math.max(wait, sentTimes.peekFirst() + MINUTE - now);
      }
      if (wait <= 0) {
        sentTimes.addLast(now);
        return;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(500)));
    }
  }

  private void send(String text) {
    String body = "chat_id=" + URLEncoder.encode(chatId, StandardCharsets.UTF_8)
        + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
        + "&disable_web_page_preview=true";
    HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/bot" + token + "/sendMessage"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        LOG.warn("Telegram refused a notification of {}: HTTP {}", botName, response.statusCode());
      }
    } catch (java.io.IOException e) {
      // The exception's text may hold the request URI, and with it the token: say only its kind.
      LOG.warn("Telegram notification of {} failed: {}", botName, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends what is queued (waiting at most 30 s) and stops the sender thread. */
  @Override
  public void close() {
    closed = true;
    try {
      sender.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.interrupt();
  }

  @Override
  public String toString() {
    return "TelegramNotifier[" + botName + ", chat " + chatId + ", token ***]";
  }
}
