package dev.nanpin.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nanpin.Fill;
import dev.nanpin.AccountState;
import dev.nanpin.live.internal.JsonText;
import dev.nanpin.store.AuditEntry;
import dev.nanpin.store.StoredOrder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a running {@link Bot}: liveness and readiness, Prometheus metrics, a JSON API and
 * a self-refreshing status page, and, only when a bearer token is configured, control endpoints.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>path</th><th>answer</th></tr>
 *   <tr><td>{@code GET /health}</td><td>200 while the engine (some ladder) runs or starts, 503 once every ladder failed
 *       or stopped; {@code status} is {@code UP}, {@code DEGRADED} (a ladder of several failed, the others run) or
 *       {@code DOWN}, and {@code failed} lists each failed ladder's symbol and error</td></tr>
 *   <tr><td>{@code GET /ready}</td><td>200 when running, streams connected, the last reconciliation
 *       succeeded, the venue's circuit breaker closed, no order of unknown outcome and not paused; else 503
 *       with the reasons</td></tr>
 *   <tr><td>{@code GET /metrics}</td><td>Prometheus text format</td></tr>
 *   <tr><td>{@code GET /api/status}</td><td>the engine status and the paused flag; for a bot of several symbols also {@code portfolio}
 *       ({@link PortfolioStatus}: every ladder and the shared account)</td></tr>
 *   <tr><td>{@code GET /api/orders?limit=N}</td><td>the most recent orders, newest first</td></tr>
 *   <tr><td>{@code GET /api/fills?page=P&size=N}</td><td>fills, newest first, paged</td></tr>
 *   <tr><td>{@code GET /api/equity}, {@code GET /api/audit?limit=N}</td><td>equity history, audit log</td></tr>
 *   <tr><td>{@code GET /}</td><td>the status page</td></tr>
 *   <tr><td>{@code POST /api/pause}, {@code /api/resume}, {@code /api/cancel-all}</td><td>only with a token:
 *       {@code Authorization: Bearer <token>}, else 401; without a token configured they do not exist (404)</td></tr>
 * </table>
 *
 * <p>Binds to {@code 127.0.0.1} unless told otherwise. Request bodies over {@link
 * Builder#maxBodyBytes} are refused (413); methods other than GET and POST get 405. The token is
 * compared in constant time and appears in no response, log line or {@code toString()}.
 *
 * <p>Requests are served on one small thread pool, never on the engine's thread. Thread-safe.
 */
public final class BotHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BotHttpServer.class);
  /** The shortest bearer token accepted for the control endpoints. */
  public static final int MIN_TOKEN_LENGTH = 16;

  private final Bot bot;
  private final HttpServer server;
  private final ExecutorService pool;
  private final PrometheusMeterRegistry registry;
  private final BotMetrics metrics;
  private final byte[] token;
  private final int maxBody;
  private final String page;

  private BotHttpServer(Builder b) throws IOException {
    this.bot = b.bot;
    this.registry = b.registry != null ? b.registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = BotMetrics.bind(registry, bot);
    this.token = b.token == null ? null : b.token.getBytes(StandardCharsets.UTF_8);
    this.maxBody = b.maxBodyBytes;
    this.page = loadPage();
    this.server = b.server != null ? b.server : HttpServer.create(b.bind, 16);
    this.pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "nanpin-http-" + bot.config().name());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    route("/health", this::health);
    route("/ready", this::ready);
    route("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    route("/api/status", ex -> json(ex, 200, statusJson()));
    route("/api/orders", ex -> json(ex, 200, orders(intParam(ex, "limit", 50, 1, 1000))));
    route("/api/fills", ex -> json(ex, 200, fills(intParam(ex, "page", 0, 0, 1_000_000), intParam(ex, "size", 50, 1, 1000))));
    route("/api/equity", ex -> json(ex, 200, equity()));
    route("/api/audit", ex -> json(ex, 200, audit(intParam(ex, "limit", 20, 1, 1000))));
    route("/", this::root);
    if (token != null) {
      control("/api/pause", () -> {
        bot.pause();
        return JsonText.object().put("paused", true).end();
      });
      control("/api/resume", () -> {
        bot.resume();
        return JsonText.object().put("paused", false).end();
      });
      control("/api/cancel-all", () -> JsonText.object().put("cancelled", bot.cancelAllOrders()).end());
    }
  }

  /**
   * @param bot the bot to serve
   * @return a builder
   */
  public static Builder builder(Bot bot) {
    return new Builder(bot);
  }

  /**
   * Reads a listening address written {@code host:port}: {@code 127.0.0.1:8089}, {@code
   * [::1]:8089}, {@code localhost:8089}; port 0 picks a free port when bound.
   *
   * @param hostPort the address
   * @return the resolved address
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static InetSocketAddress parseAddress(String hostPort) {
    String s = Objects.requireNonNull(hostPort, "hostPort").strip();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("'%s' is not host:port, e.g. 127.0.0.1:8089".formatted(s));
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("'%s': write an IPv6 host in brackets, e.g. [::1]:8089".formatted(s));
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'%s': the port is not a number".formatted(s));
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("'%s': the port must be in [0, 65535]".formatted(s));
    }
    InetSocketAddress a = new InetSocketAddress(host, port);
    if (a.isUnresolved()) {
      throw new IllegalArgumentException("'%s': unknown host %s".formatted(s, host));
    }
    return a;
  }

  /** Starts serving. */
  public void start() {
    server.start();
    LOG.info("{}: HTTP status at http://{}:{}/ (control endpoints {})", bot.config().name(),
        server.getAddress().getHostString(), server.getAddress().getPort(), token != null ? "on" : "off");
  }

  /** @return the address served, with the port the system chose when asked for 0 */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** @return the registry the metrics live in */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Stops serving (waits at most a second for requests under way) and removes the metrics. */
  @Override
  public void close() {
    server.stop(1);
    pool.shutdownNow();
    metrics.close();
  }

  @Override
  public String toString() {
    return "BotHttpServer[" + bot.config().name() + " at " + server.getAddress() + ", control "
        + (token != null ? "on" : "off") + "]";
  }

  // ---- routing ------------------------------------------------------------------------------

  private interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private void route(String path, Handler h) {
    server.createContext(path, ex -> serve(ex, "GET", h));
  }

  private void control(String path, java.util.function.Supplier<String> action) {
    server.createContext(path, ex -> serve(ex, "POST", x -> {
      if (!authorised(x)) {
        x.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        json(x, 401, JsonText.object().put("error", "missing or wrong bearer token").end());
        return;
      }
      LOG.info("{}: {} by the operator", bot.config().name(), path);
      json(x, 200, action.get());
    }));
  }

  private void serve(HttpExchange ex, String method, Handler h) {
    try {
      // An exact path only: a context also matches longer paths, which are not ours.
      String path = ex.getRequestURI().getPath();
      if (!path.equals(ex.getHttpContext().getPath())) {
        bodyWithinLimit(ex);
        json(ex, 404, JsonText.object().put("error", "not found").end());
        return;
      }
      if (!bodyWithinLimit(ex)) {
        json(ex, 413, JsonText.object().put("error", "request body over " + maxBody + " bytes").end());
        return;
      }
      if (!ex.getRequestMethod().equals(method)) {
        ex.getResponseHeaders().set("Allow", method);
        json(ex, 405, JsonText.object().put("error", "use " + method).end());
        return;
      }
      h.handle(ex);
    } catch (IllegalArgumentException e) {
      safeJson(ex, 400, e.getMessage());
    } catch (IllegalStateException e) {
      safeJson(ex, 503, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.debug("{}: HTTP request failed: {}", bot.config().name(), e.toString());
      safeJson(ex, 500, "internal error");
    } finally {
      ex.close();
    }
  }

  private void safeJson(HttpExchange ex, int code, String message) {
    try {
      json(ex, code, JsonText.object().put("error", String.valueOf(message)).end());
    } catch (IOException | RuntimeException ignored) {
      // The headers were already sent; the client sees a cut answer.
    }
  }

  private boolean bodyWithinLimit(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBody) {
          return false;
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      return in.readNBytes(maxBody + 1).length <= maxBody;
    }
  }

  private boolean authorised(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    byte[] given = header != null && header.startsWith("Bearer ")
        ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    return MessageDigest.isEqual(given, token);
  }

  private static int intParam(HttpExchange ex, String name, int dflt, int min, int max) {
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return dflt;
    }
    for (String kv : q.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equals(name)) {
        try {
          int v = Integer.parseInt(kv.substring(eq + 1));
          if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
          }
          return v;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(name + " must be a whole number");
        }
      }
    }
    return dflt;
  }

  private static void json(HttpExchange ex, int code, String body) throws IOException {
    send(ex, code, "application/json; charset=utf-8", body);
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  // ---- answers ------------------------------------------------------------------------------

  private void root(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    send(ex, 200, "text/html; charset=utf-8", page);
  }

  private void health(HttpExchange ex) throws IOException {
    List<EngineStatus> ladders = bot.ladders();
    boolean anyUp = false;
    JsonText failed = JsonText.array();
    for (EngineStatus l : ladders) {
      anyUp |= !l.state().equals("failed") && !l.state().equals("stopped");
      if (l.failure() != null) {
        failed.add(JsonText.object().put("symbol", l.symbol()).put("error", l.failure()).end());
      }
    }
    // a failed ladder of several stops alone: the others still manage what they hold (DEGRADED)
    String status = !anyUp ? "DOWN" : bot.failure() != null ? "DEGRADED" : "UP";
    json(ex, anyUp ? 200 : 503, JsonText.object().put("status", status).put("state", ladders.get(0).state())
        .raw("failed", failed.end()).end());
  }

  private void ready(HttpExchange ex) throws IOException {
    List<String> reasons = notReadyBecause(bot);
    JsonText why = JsonText.array();
    reasons.forEach(r -> why.add(JsonText.quote(r)));
    json(ex, reasons.isEmpty() ? 200 : 503,
        JsonText.object().put("ready", reasons.isEmpty()).raw("reasons", why.end()).end());
  }

  /**
   * Why the bot is not ready to trade: empty when the engine runs, the streams are up, the last
   * reconciliation succeeded, the venue's circuit breaker is closed, no order is of unknown
   * outcome and trading is not paused.
   */
  static List<String> notReadyBecause(Bot bot) {
    List<EngineStatus> ladders = bot.ladders();
    List<String> reasons = new ArrayList<>();
    for (EngineStatus s : ladders) {
      // a multi-symbol bot says which ladder
      String who = ladders.size() == 1 ? "" : s.symbol() + ": ";
      if (s.failure() != null) {
        reasons.add(who + "engine failed: " + s.failure());
      } else if (!s.state().equals("running")) {
        reasons.add(who + "engine is " + s.state());
      }
      if (!s.streamHealthy()) {
        reasons.add(who + "streams are not connected");
      }
      if (s.unresolvedOrders() > 0) {
        reasons.add(who + s.unresolvedOrders() + " order(s) of unknown outcome");
      } else if (s.unresolvedOrders() < 0) {
        reasons.add(who + "orders of unknown outcome cannot be counted: the store did not answer");
      }
    }
    EngineStatus s = ladders.get(0);
    if (!bot.health().reconciled()) {
      reasons.add("the last reconciliation with the venue failed");
    }
    if (!"CLOSED".equals(s.venueCircuit())) {
      reasons.add("the venue's circuit breaker is " + s.venueCircuit().toLowerCase(java.util.Locale.ROOT));
    }
    if (bot.paused()) {
      reasons.add("paused by the operator");
    }
    if (ladders.size() > 1 && bot.failure() != null) {
      reasons.add("a ladder failed: no ladder adds risk until the bot is restarted");
    }
    return reasons;
  }

  private String statusJson() {
    JsonText o = JsonText.object().raw("status", bot.status().toJson());
    // a multi-symbol bot: every ladder and the shared account ("status" is the first ladder's)
    bot.portfolio().ifPresent(p -> o.raw("portfolio", p.toJson()));
    return o.put("paused", bot.paused()).put("interval", bot.barInterval().toString()).end();
  }

  private String orders(int limit) {
    JsonText a = JsonText.array();
    for (StoredOrder o : bot.store().recentOrders(limit)) {
      a.add(JsonText.object().put("clientId", o.clientId()).put("exchangeOrderId", o.exchangeOrderId())
          .put("symbol", o.symbol()).put("side", o.side().name()).put("type", o.type().name())
          .put("price", o.limitPrice()).put("quantity", o.quantity()).put("quoteQuantity", o.quoteQuantity()).put("filled", o.filledQuantity())
          .put("state", o.state().name()).put("created", o.createdAt().toString()).end());
    }
    return a.end();
  }

  private String fills(int page, int size) {
    List<Fill> all = bot.store().fillsSince(Instant.EPOCH);
    int to = Math.max(0, all.size() - page * size);
    int from = Math.max(0, to - size);
    JsonText a = JsonText.array();
    for (int i = to - 1; i >= from; i--) {
      Fill f = all.get(i);
      a.add(JsonText.object().put("id", f.fillId()).put("symbol", f.symbol()).put("side", f.side().name())
          .put("price", f.price()).put("quantity", f.quantity()).put("fee", f.fee())
          .put("time", f.time().toString()).end());
    }
    return JsonText.object().put("page", page).put("size", size).put("total", all.size()).raw("fills", a.end()).end();
  }

  private String equity() {
    JsonText a = JsonText.array();
    Instant now = Instant.now();
    for (AccountState s : bot.store().equityHistory(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(1)))) {
      a.add(JsonText.object().put("time", s.time().toString()).put("equity", s.equity()).end());
    }
    return a.end();
  }

  private String audit(int limit) {
    JsonText a = JsonText.array();
    for (AuditEntry e : bot.store().auditLog(limit)) {
      a.add(JsonText.object().put("time", e.time().toString()).put("action", e.action()).put("subject", e.subject())
          .put("detail", e.detail()).end());
    }
    return a.end();
  }

  private String loadPage() throws IOException {
    try (InputStream in = BotHttpServer.class.getResourceAsStream("internal/status.html")) {
      if (in == null) {
        throw new IOException("status page missing from the jar");
      }
      String name = bot.config().name().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .replace("\"", "&quot;").replace("'", "&#39;");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{BOT}}", name);
    }
  }

  /** Builds a server. Not thread-safe. */
  public static final class Builder {
    private final Bot bot;
    private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 8089);
    private String token;
    private int maxBodyBytes = 1024;
    private PrometheusMeterRegistry registry;
    private HttpServer server;

    private Builder(Bot bot) {
      this.bot = Objects.requireNonNull(bot, "bot");
    }

    /**
     * @param address where to listen (default {@code 127.0.0.1:8089}); port 0 picks a free port
     * @return this builder
     */
    public Builder bind(InetSocketAddress address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * @param bearer the token the control endpoints require, at least 16 characters; {@code null}
     *     (the default) leaves the control endpoints out
     * @return this builder
     */
    public Builder token(String bearer) {
      if (bearer != null && bearer.trim().length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException("the HTTP control token must be at least " + MIN_TOKEN_LENGTH
            + " characters");
      }
      this.token = bearer == null ? null : bearer.trim();
      return this;
    }

    /**
     * @param bytes the largest request body accepted, 0..65536 (default 1024)
     * @return this builder
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 0 || bytes > 65_536) {
        throw new IllegalArgumentException("maxBodyBytes must be in [0, 65536], was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * @param registry the Prometheus registry to publish into (default a new one)
     * @return this builder
     */
    public Builder registry(PrometheusMeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Serves on a server the caller bound already ({@link Bot.Builder#build()} binds before the engine exists). */
    Builder server(HttpServer bound) {
      this.server = Objects.requireNonNull(bound, "bound");
      return this;
    }

    /**
     * Builds and binds the server (it serves after {@link BotHttpServer#start()}).
     *
     * @return the server
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public BotHttpServer build() {
      try {
        return new BotHttpServer(this);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot serve HTTP at " + bind + ": " + e.getMessage(), e);
      }
    }
  }
}
