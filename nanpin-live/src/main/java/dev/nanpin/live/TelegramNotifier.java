package dev.nanpin.live;

import dev.nanpin.ratelimit.Sleeper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the engine's notable events (fills, errors, liquidation-distance warnings, reconnect
 * storms) and a periodic summary to a Telegram chat through the Bot API's {@code sendMessage}.
 *
 * <p>{@link #notify} never blocks the engine: messages go into a bounded queue that one daemon
 * thread sends. Sending keeps within Telegram's limits for one chat (at most one message a second
 * and {@value #PER_MINUTE} a minute), measured on a monotonic clock; what does not fit in the
 * queue is counted and said in the next message rather than queued without bound. A message that
 * fails is logged at WARN without the token, and not retried (a notification is not worth a
 * second one arriving out of order).
 *
 * <p>The summary ({@link #dailySummary}) is sent every {@link Settings#summaryEvery()} (a day by
 * default) once a status source is given with {@link #summarise}; {@link Bot.Builder#telegram}
 * does that.
 *
 * <p>The bot token and chat id come from the environment ({@link Settings#fromEnvironment}), a
 * configuration file or the caller; neither appears in a log line, an exception or {@code
 * toString()}. Thread-safe.
 */
public final class TelegramNotifier implements Notifier, AutoCloseable {
  /** The environment variable holding the bot token. */
  public static final String TOKEN_ENV = "NANPIN_TELEGRAM_TOKEN";
  /** The environment variable holding the chat id. */
  public static final String CHAT_ENV = "NANPIN_TELEGRAM_CHAT_ID";
  /** Messages per minute at most, Telegram's limit for a group chat. */
  public static final int PER_MINUTE = 20;
  /** The Bot API's address. */
  public static final URI API = URI.create("https://api.telegram.org");
  /** The event name of the periodic summary. */
  public static final String SUMMARY = "daily-summary";

  private static final Logger LOG = LoggerFactory.getLogger(TelegramNotifier.class);
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
  private static final int QUEUE = 100;

  private final String botName;
  private final Settings settings;
  private final HttpClient http;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
  /** Send times of the last minute; only the sender thread touches it. */
  private final ArrayDeque<Long> sentTimes = new ArrayDeque<>();
  private final Thread sender;
  private volatile Supplier<EngineStatus> statusSource;
  private long nextSummary;
  private volatile boolean closed;
  private int dropped;

  /**
   * A notifier of every event, summarising daily once {@link #summarise} is called.
   *
   * @param botName the bot's name, put in front of every message
   * @param token the Telegram bot token
   * @param chatId the chat to send to
   * @param baseUrl the Bot API's base URL, {@link #API} (another for tests)
   */
  public TelegramNotifier(String botName, String token, String chatId, URI baseUrl) {
    this(botName, new Settings(token, chatId, baseUrl, Settings.EVENTS, Duration.ofDays(1)));
  }

  /**
   * @param botName the bot's name, put in front of every message
   * @param settings token, chat, API address, events and summary period
   */
  public TelegramNotifier(String botName, Settings settings) {
    this(botName, settings, System::nanoTime, Sleeper.SYSTEM);
  }

  /** With the monotonic clock and the waiting injected, so that tests run on fake time. */
  TelegramNotifier(String botName, Settings settings, LongSupplier nanoTime, Sleeper sleeper) {
    this.botName = Objects.requireNonNull(botName, "botName");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
    return new TelegramNotifier(botName, Settings.fromEnvironment(env));
  }

  /**
   * Sends a summary of {@code status} every {@link Settings#summaryEvery()}, the first one a
   * period from now. Without a source (the default) no summary is sent.
   *
   * @param status where the summary's figures come from; called on the sender thread
   */
  public void summarise(Supplier<EngineStatus> status) {
    this.statusSource = Objects.requireNonNull(status, "status");
  }

  @Override
  public void notify(String event, Map<String, String> fields) {
    if (closed || !settings.events().contains(event)) {
      return;
    }
    StringBuilder text = new StringBuilder().append(botName).append(": ").append(event);
    fields.forEach((k, v) -> text.append("\n").append(k).append(": ").append(v));
    enqueue(text.toString());
  }

  private void enqueue(String text) {
    if (!queue.offer(text)) {
      synchronized (this) {
        dropped++;
      }
    }
  }

  /**
   * Queues a summary of a bot's status now.
   *
   * @param status the status to summarise
   */
  public void dailySummary(EngineStatus status) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("state", status.state());
    f.put("position", Double.toString(status.positionQuantity()));
    f.put("average entry", Double.toString(status.averageEntryPrice()));
    f.put("price", Double.toString(status.price()));
    f.put("equity", Double.toString(status.equity()));
    f.put("fills", Long.toString(status.fills()));
    f.put("open orders", Integer.toString(status.openOrders()));
    f.put("reconnects", Integer.toString(status.reconnects()));
    StringBuilder text = new StringBuilder().append(botName).append(": ").append(SUMMARY);
    f.forEach((k, v) -> text.append("\n").append(k).append(": ").append(v));
    enqueue(text.toString());
  }

  private void sendLoop() {
    long period = settings.summaryEvery().toNanos();
    nextSummary = nanoTime.getAsLong() + period;
    while (!closed || !queue.isEmpty()) {
      maybeSummarise(period);
      String text;
      try {
        text = queue.poll(100, TimeUnit.MILLISECONDS);
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

  private void maybeSummarise(long period) {
    Supplier<EngineStatus> source = statusSource;
    if (source == null || closed || period <= 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - nextSummary < 0) {
      return;
    }
    nextSummary = now + period;
    try {
      dailySummary(source.get());
    } catch (RuntimeException e) {
      LOG.warn("Telegram summary of {} skipped: the status could not be read: {}", botName, e.toString());
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
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }

  private void send(String text) {
    String body = "chat_id=" + URLEncoder.encode(settings.chatId(), StandardCharsets.UTF_8)
        + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
        + "&disable_web_page_preview=true";
    HttpRequest request = HttpRequest.newBuilder(settings.apiUrl().resolve("/bot" + settings.token() + "/sendMessage"))
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
    return "TelegramNotifier[" + botName + ", " + settings + "]";
  }

  /**
   * Where and what a {@link TelegramNotifier} sends.
   *
   * @param token the Bot API token, a secret
   * @param chatId the chat, kept private too (it is half of what it takes to write to the chat)
   * @param apiUrl the Bot API's base URL, {@link #API} unless testing
   * @param events the events sent, a subset of {@link #EVENTS}
   * @param summaryEvery how often the summary is sent; {@link Duration#ZERO} for never
   */
  public record Settings(String token, String chatId, URI apiUrl, Set<String> events, Duration summaryEvery) {
    /** The events a Telegram notifier can send. */
    public static final Set<String> EVENTS =
        Set.of(Notifier.FILL, Notifier.ERROR, Notifier.RECONNECT_STORM, Notifier.LIQUIDATION_WARNING);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming what is missing or wrong, never showing the token
     */
    public Settings {
      token = requireText(token, "Telegram bot token");
      chatId = requireText(chatId, "Telegram chat id");
      Objects.requireNonNull(apiUrl, "apiUrl");
      if (!("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme())) || apiUrl.getHost() == null) {
        throw new IllegalArgumentException("Telegram apiUrl must be an http(s) URL: " + apiUrl);
      }
      events = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(events, "events")));
      for (String e : events) {
        if (!EVENTS.contains(e)) {
          throw new IllegalArgumentException("unknown Telegram event '%s'; known: %s".formatted(e,
              new java.util.TreeSet<>(EVENTS)));
        }
      }
      Objects.requireNonNull(summaryEvery, "summaryEvery");
      if (summaryEvery.isNegative() || (!summaryEvery.isZero() && summaryEvery.compareTo(Duration.ofMinutes(1)) < 0)) {
        throw new IllegalArgumentException("Telegram summaryEvery must be 0 (off) or at least 1 minute: "
            + summaryEvery);
      }
    }

    /**
     * Every event, a summary a day, on {@link #API}.
     *
     * @param token the bot token
     * @param chatId the chat id
     * @return the settings
     */
    public static Settings of(String token, String chatId) {
      return new Settings(token, chatId, API, EVENTS, Duration.ofDays(1));
    }

    /**
     * {@link #of} from {@value #TOKEN_ENV} and {@value #CHAT_ENV}.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the settings
     * @throws IllegalArgumentException naming the variable that is missing
     */
    public static Settings fromEnvironment(Map<String, String> env) {
      String token = env.get(TOKEN_ENV);
      String chat = env.get(CHAT_ENV);
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("Telegram notifications need the bot token in " + TOKEN_ENV);
      }
      if (chat == null || chat.isBlank()) {
        throw new IllegalArgumentException("Telegram notifications need the chat id in " + CHAT_ENV);
      }
      return of(token, chat);
    }

    private static String requireText(String s, String what) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException(what + " is required");
      }
      return s.trim();
    }

    @Override
    public String toString() {
      return "Settings[token ***, chat ***, api " + apiUrl.getHost() + ", events " + new java.util.TreeSet<>(events)
          + ", summary every " + summaryEvery + "]";
    }
  }
}
