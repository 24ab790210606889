package dev.nanpin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.NanpinException;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.http.ErrorMapper;
import dev.nanpin.http.HttpCall;
import dev.nanpin.http.HttpJson;
import dev.nanpin.http.HttpResult;
import dev.nanpin.http.RetryPolicy;
import dev.nanpin.http.StandardErrorMapper;
import dev.nanpin.ratelimit.Sleeper;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * A small client of Flipside's on-chain SQL API (v2, JSON-RPC 2.0 over {@code POST
 * <baseUrl>/json-rpc}, key in the {@code x-api-key} header): submit SQL ({@code
 * createQueryRun}), poll its state ({@code getQueryRun}) with backoff until it succeeds, fails
 * or the deadline passes, then read every page of rows ({@code getQueryRunResults}) into
 * {@link Row}s.
 *
 * <p><b>Status.</b> Public reports say Flipside's data business changed hands in 2026 and that
 * its API may be closed; this could not be checked when the client was written. When the
 * configured base URL answers 404 or 410, or its host does not resolve, calls fail with a
 * {@link ServiceGoneException} that says so; point {@link Settings#baseUrl()} at a compatible
 * successor to keep using the client.
 *
 * <p>Errors: 401/403 become {@link AuthenticationException}; a JSON-RPC {@code error}, a failed
 * or cancelled run, or an unreadable answer a {@link DataException}; a deadline or outage a
 * {@link VenueUnavailableException}. The key never appears in messages or {@code toString()}.
 * Submitting is never retried by the transport (a retry could start a second run); state and
 * result reads are. Thread-safe.
 */
public final class FlipsideClient {
  /** The source id. */
  public static final String ID = "flipside";
  /** The documented v2 API base. */
  public static final String DEFAULT_BASE_URL = "https://api-v2.flipsidecrypto.xyz";
  /** The environment variable holding the key. */
  public static final String ENV_KEY = "FLIPSIDE_API_KEY";

  /**
   * Settings.
   *
   * @param baseUrl the API base (the client posts to {@code <baseUrl>/json-rpc})
   * @param apiKey the key, sent as {@code x-api-key}
   * @param pollBase the first wait between state polls
   * @param pollMax the longest wait between state polls
   * @param deadline the longest a query may take from submission to its last page
   * @param pageSize rows per result page, {@code 1..100000}
   * @param maxAgeMinutes results up to this old may be served from Flipside's cache ({@code 0}: always run)
   * @param client the HTTP client, or {@code null} for the shared one
   * @param nanoTime the monotonic clock for the deadline
   * @param sleeper how the client waits between polls
   */
  public record Settings(String baseUrl, String apiKey, Duration pollBase, Duration pollMax, Duration deadline,
      int pageSize, int maxAgeMinutes, OkHttpClient client, LongSupplier nanoTime, Sleeper sleeper) {
    /** Validates. */
    public Settings {
      Objects.requireNonNull(baseUrl, "baseUrl");
      if (HttpUrl.parse(baseUrl) == null) {
        throw new IllegalArgumentException("flipside: not an http(s) URL: " + baseUrl);
      }
      if (apiKey == null || apiKey.isBlank()) {
        throw new AuthenticationException(ID, null, "flipside: no API key: set " + ENV_KEY, null);
      }
      new RetryPolicy(1, pollBase, pollMax); // validates the pair
      if (deadline == null || deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline must be > 0: " + deadline);
      }
      if (pageSize < 1 || pageSize > 100_000 || maxAgeMinutes < 0) {
        throw new IllegalArgumentException("need 1 <= pageSize <= 100000 and maxAgeMinutes >= 0");
      }
      Objects.requireNonNull(nanoTime, "nanoTime");
      Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Defaults: polls from 1 s up to 10 s, a 5-minute deadline, pages of 10 000 rows, no cache.
     *
     * @param apiKey the key
     * @return the settings
     */
    public static Settings defaults(String apiKey) {
      return new Settings(DEFAULT_BASE_URL, apiKey, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5),
          10_000, 0, null, System::nanoTime, Sleeper.SYSTEM);
    }

    /**
     * @param url another base URL (a compatible successor, a proxy, a test stand-in)
     * @return a copy
     */
    public Settings withBaseUrl(String url) {
      return new Settings(url, apiKey, pollBase, pollMax, deadline, pageSize, maxAgeMinutes, client, nanoTime, sleeper);
    }

    @Override
    public String toString() {
      return "FlipsideClient.Settings[baseUrl=%s, apiKey=****, deadline=%s, pageSize=%d]".formatted(baseUrl, deadline,
          pageSize);
    }
  }

  /** The state of a query run. */
  public enum State {
    /** Accepted, not yet running. */
    READY,
    /** Running. */
    RUNNING,
    /** Finished, results being written. */
    STREAMING_RESULTS,
    /** Finished; results can be read. */
    SUCCESS,
    /** Failed; see the error message. */
    FAILED,
    /** Cancelled. */
    CANCELED;

    boolean done() {
      return this == SUCCESS || this == FAILED || this == CANCELED;
    }
  }

  /**
   * One result row: column name (lower case) to value, in column order. Values are JSON nodes
   * as Flipside returns them; the accessors convert and name the column when they cannot.
   *
   * @param values the values by column
   */
  public record Row(Map<String, JsonNode> values) {
    /** Copies, keeping the column order. */
    public Row {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private JsonNode node(String column) {
      String key = column.toLowerCase(Locale.ROOT);
      if (!values.containsKey(key)) {
        throw new DataException(ID, column, "flipside: no column '" + column + "' in " + values.keySet(), null);
      }
      return values.get(key);
    }

    /**
     * @param column a column name (any case)
     * @return its text, or {@code null} for SQL NULL
     */
    public String text(String column) {
      JsonNode n = node(column);
      return n == null || n.isNull() ? null : n.asText();
    }

    /**
     * @param column a numeric column
     * @return its exact value, or {@code null} for SQL NULL
     * @throws DataException naming the column when it is not a number
     */
    public java.math.BigDecimal decimal(String column) {
      String t = text(column);
      try {
        return t == null ? null : new java.math.BigDecimal(t);
      } catch (NumberFormatException e) {
        throw new DataException(ID, column, "flipside: column '" + column + "' is not a number: " + t, e);
      }
    }
  }

  /**
   * A finished query's rows.
   *
   * @param queryRunId the run
   * @param columns the column names, lower case, in order
   * @param types the column types as Flipside names them
   * @param rows every row of every page
   */
  public record Result(String queryRunId, List<String> columns, List<String> types, List<Row> rows) {
    /** Copies. */
    public Result {
      columns = List.copyOf(columns);
      types = List.copyOf(types);
      rows = List.copyOf(rows);
    }
  }

  private final Settings settings;
  private final HttpJson http;
  private final HttpUrl endpoint;
  private final AtomicLong ids = new AtomicLong();

  /** @param settings the settings */
  public FlipsideClient(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.endpoint = HttpUrl.get(settings.baseUrl()).newBuilder().addPathSegment("json-rpc").build();
    StandardErrorMapper standard = new StandardErrorMapper(ID);
    ErrorMapper errors = r -> r.code() == 404 || r.code() == 410
        ? new ServiceGoneException(ID, settings.baseUrl(), "HTTP " + r.code() + " from " + r.requestLine(), null)
        : standard.map(r);
    HttpJson.Builder b = HttpJson.builder(ID).errorMapper(errors).retry(RetryPolicy.DEFAULT).nanoTime(settings.nanoTime())
        .sleeper(settings.sleeper());
    if (settings.client() != null) {
      b.client(settings.client());
    }
    this.http = b.build();
  }

  /**
   * Submits SQL.
   *
   * @param sql the query
   * @return the query run id
   */
  public String submit(String sql) {
    Objects.requireNonNull(sql, "sql");
    ObjectNode p = http.mapper().createObjectNode().put("sql", sql).put("resultTTLHours", 1)
        .put("maxAgeMinutes", settings.maxAgeMinutes()).put("dataSource", "snowflake-default")
        .put("dataProvider", "flipside");
    p.putObject("tags").put("sdk_package", "nanpin");
    JsonNode r = call("createQueryRun", p, false);
    String id = r.path("queryRun").path("id").asText(null);
    if (id == null || id.isBlank()) {
      throw new DataException(ID, "result.queryRun.id", "flipside: createQueryRun answered no run id", null);
    }
    return id;
  }

  /**
   * @param queryRunId a run
   * @return its state
   */
  public State state(String queryRunId) {
    return stateOf(run(queryRunId));
  }

  /**
   * Submits SQL, waits for it and reads every page.
   *
   * @param sql the query
   * @return the rows
   * @throws VenueUnavailableException when the deadline passes first
   * @throws DataException when the run fails or is cancelled
   */
  public Result query(String sql) {
    long start = settings.nanoTime().getAsLong();
    return results(submit(sql), start);
  }

  /**
   * Waits for a submitted run and reads every page.
   *
   * @param queryRunId the run
   * @return the rows
   */
  public Result results(String queryRunId) {
    return results(queryRunId, settings.nanoTime().getAsLong());
  }

  private Result results(String id, long start) {
    RetryPolicy poll = new RetryPolicy(Integer.MAX_VALUE, settings.pollBase(), settings.pollMax());
    for (int attempt = 1; ; attempt++) {
      JsonNode run = run(id);
      State s = stateOf(run);
      if (s == State.SUCCESS) {
        break;
      }
      if (s.done()) {
        throw new DataException(ID, "queryRun.state", "flipside: query run %s ended %s: %s".formatted(id, s,
            run.path("errorMessage").asText("no error message")), null);
      }
      Duration wait = poll.backoff(attempt, 1.0); // the ceiling: polling needs no jitter
      checkDeadline(start, wait, id, s);
      try {
        settings.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VenueUnavailableException(ID, "INTERRUPTED", "flipside: interrupted waiting for run " + id, e);
      }
    }
    List<String> columns = null;
    List<String> types = null;
    List<Row> rows = new ArrayList<>();
    for (int page = 1; ; page++) {
      checkDeadline(start, Duration.ZERO, id, State.SUCCESS);
      ObjectNode p = http.mapper().createObjectNode().put("queryRunId", id).put("format", "json");
      p.putObject("page").put("number", page).put("size", settings.pageSize());
      JsonNode r = call("getQueryRunResults", p, true);
      if (columns == null) {
        columns = texts(r.path("columnNames"), "columnNames");
        types = texts(r.path("columnTypes"), "columnTypes");
      }
      for (JsonNode row : r.path("rows")) {
        rows.add(row(row, columns));
      }
      int total = r.path("page").path("totalPages").asInt(1);
      if (page >= total) {
        return new Result(id, columns, types, rows);
      }
    }
  }

  private void checkDeadline(long start, Duration wait, String id, State s) {
    long used = settings.nanoTime().getAsLong() - start;
    if (used + wait.toNanos() > settings.deadline().toNanos()) {
      throw new VenueUnavailableException(ID, "DEADLINE", "flipside: run %s still %s after %s (deadline %s)"
          .formatted(id, s, Duration.ofNanos(used).withNanos(0), settings.deadline()), null);
    }
  }

  private JsonNode run(String id) {
    ObjectNode p = http.mapper().createObjectNode().put("queryRunId", id);
    JsonNode r = call("getQueryRun", p, true);
    JsonNode run = r.path("queryRun");
    if (!run.isObject()) {
      throw new DataException(ID, "result.queryRun", "flipside: getQueryRun answered no queryRun", null);
    }
    return run;
  }

  private static State stateOf(JsonNode run) {
    String s = run.path("state").asText("");
    try {
      return State.valueOf(s.replace("QUERY_STATE_", ""));
    } catch (IllegalArgumentException e) {
      throw new DataException(ID, "queryRun.state", "flipside: unknown query state '" + s + "'", e);
    }
  }

  private static List<String> texts(JsonNode arr, String field) {
    if (!arr.isArray()) {
      throw new DataException(ID, field, "flipside: results carry no " + field, null);
    }
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT)));
    return out;
  }

  private static Row row(JsonNode row, List<String> columns) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    if (row.isArray()) {
      if (row.size() != columns.size()) {
        throw new DataException(ID, "rows", "flipside: a row has %d values for %d columns".formatted(row.size(),
            columns.size()), null);
      }
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), row.get(i));
      }
    } else if (row.isObject()) {
      for (String c : columns) {
        JsonNode v = null;
        for (java.util.Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          if (f.equalsIgnoreCase(c)) {
            v = row.get(f);
          }
        }
        m.put(c, v);
      }
    } else {
      throw new DataException(ID, "rows", "flipside: a row is neither an array nor an object", null);
    }
    return new Row(m);
  }

  private JsonNode call(String method, ObjectNode params, boolean idempotent) {
    ObjectNode body = http.mapper().createObjectNode().put("jsonrpc", "2.0").put("method", method)
        .put("id", ids.incrementAndGet());
    body.putArray("params").add(params);
    String json = body.toString();
    java.util.function.Supplier<Request> request = () -> new Request.Builder().url(endpoint)
        .header("x-api-key", settings.apiKey()).post(okhttp3.RequestBody.create(json, HttpJson.JSON)).build();
    HttpResult result;
    try {
      result = http.execute(idempotent ? HttpCall.idempotent(request) : HttpCall.once(request));
    } catch (VenueUnavailableException e) {
      if (!(e instanceof ServiceGoneException) && causedBy(e, UnknownHostException.class)) {
        throw new ServiceGoneException(ID, settings.baseUrl(), "its host does not resolve", e);
      }
      throw e;
    }
    JsonNode root;
    try {
      root = http.parse(result);
    } catch (NanpinException e) {
      throw new DataException(ID, "body", "flipside: unreadable answer to " + method + ": " + e.getMessage(), e);
    }
    if (root.has("error") && !root.get("error").isNull()) {
      JsonNode err = root.get("error");
      throw new DataException(ID, "error", "flipside: %s failed: %s (code %s)".formatted(method,
          err.path("message").asText(err.toString()), err.path("code").asText("?")), null);
    }
    JsonNode r = root.path("result");
    if (!r.isObject()) {
      throw new DataException(ID, "result", "flipside: " + method + " answered no result", null);
    }
    return r;
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "FlipsideClient[" + settings + "]";
  }
}
