package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.MacroRegime;
import dev.nanpin.NanpinException;
import dev.nanpin.PricePoint;
import dev.nanpin.Sentiment;
import dev.nanpin.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Gathers prices, macro, sentiment and liquidations in parallel, each source with the same
 * deadline: a slow or failing source never holds the others, it only leaves its part empty and
 * says why in {@link MarketSnapshot#failures()}.
 *
 * <p>The executor is the caller's (a same-thread executor in tests would serialise the calls
 * and defeat the deadline, so give it at least as many threads as sources). Thread-safe.
 */
public final class DataCollector {
  private final ExecutorService executor;
  private final Duration timeout;
  private final PriceValidator validator;
  private final Clock clock;

  /**
   * Creates the collector.
   *
   * @param executor runs the fetches
   * @param perSourceTimeout how long any one source may take
   * @param validator the price check
   * @param clock the wall clock
   */
  public DataCollector(ExecutorService executor, Duration perSourceTimeout, PriceValidator validator, Clock clock) {
    this.executor = requireNonNull(executor, "executor");
    this.timeout = requireNonNull(perSourceTimeout, "perSourceTimeout");
    this.validator = requireNonNull(validator, "validator");
    this.clock = requireNonNull(clock, "clock");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("perSourceTimeout must be > 0: " + timeout);
    }
  }

  /**
   * One sentiment input.
   *
   * @param source the source
   * @param query its query (the latest reading of the answer is used)
   * @param weight the weight in the blend, {@code > 0}
   */
  public record SentimentInput(DataSource source, DataQuery.SentimentHistory query, double weight) {
    /** Validates. */
    public SentimentInput {
      requireNonNull(source, "source");
      requireNonNull(query, "query");
      if (!(weight > 0)) {
        throw new IllegalArgumentException("weight must be > 0: " + weight);
      }
    }
  }

  /**
   * What to collect; every part is optional.
   *
   * @param prices each price source with its own query (asset ids differ per source)
   * @param exchangeId the id of the exchange whose ticker joins the price check, or {@code null}
   * @param exchangeTicker reads that ticker, or {@code null}
   * @param macroSource the macro source, or {@code null}
   * @param macroQuery its query, or {@code null}
   * @param sentiment the sentiment inputs
   * @param liquidationSource the liquidation source, or {@code null}
   * @param liquidationSymbol its symbol, or {@code null}
   */
  public record Request(Map<DataSource, DataQuery.Price> prices, String exchangeId, Supplier<Ticker> exchangeTicker,
      DataSource macroSource, DataQuery<MacroRegime> macroQuery, List<SentimentInput> sentiment,
      DataSource liquidationSource, String liquidationSymbol) {
    /** Copies. */
    public Request {
      prices = Map.copyOf(prices);
      sentiment = List.copyOf(sentiment);
      if ((exchangeTicker == null) != (exchangeId == null)) {
        throw new IllegalArgumentException("exchangeId and exchangeTicker go together");
      }
      if ((macroSource == null) != (macroQuery == null)) {
        throw new IllegalArgumentException("macroSource and macroQuery go together");
      }
      if ((liquidationSource == null) != (liquidationSymbol == null)) {
        throw new IllegalArgumentException("liquidationSource and liquidationSymbol go together");
      }
    }
  }

  /**
   * Collects everything asked, in parallel.
   *
   * @param request what to collect
   * @return the snapshot; never throws for a source's failure
   */
  public MarketSnapshot collect(Request request) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Future<PricePoint>> priceTasks = new TreeMap<>();
    request.prices().forEach((source, q) -> priceTasks.put(source.id(), submit(() -> source.fetch(q).value())));
    if (request.exchangeTicker() != null) {
      priceTasks.put(request.exchangeId(), submit(() -> {
        Ticker t = request.exchangeTicker().get();
        return new PricePoint(t.symbol(), "quote", t.last(), t.time());
      }));
    }
    Future<DataResult<MacroRegime>> macroTask = request.macroSource() == null ? null
        : submit(() -> request.macroSource().fetch(request.macroQuery()));
    Map<String, Future<List<Sentiment>>> sentimentTasks = new LinkedHashMap<>();
    for (SentimentInput in : request.sentiment()) {
      sentimentTasks.put(in.source().id() + ":" + in.query().index(), submit(() -> in.source().fetch(in.query()).value()));
    }
    Future<DataResult<LiquidationClusters>> liqTask = request.liquidationSource() == null ? null
        : submit(() -> request.liquidationSource().fetch(new DataQuery.Liquidations(request.liquidationSymbol())));

    Map<String, String> failures = new TreeMap<>();
    Map<String, PriceValidator.Outcome> outcomes = new TreeMap<>();
    priceTasks.forEach((id, f) -> {
      Result<PricePoint> r = await(f, deadline);
      outcomes.put(id, r.value != null ? PriceValidator.Outcome.of(r.value) : PriceValidator.Outcome.failed(r.failure));
    });
    Optional<ValidatedPrice> price = Optional.empty();
    if (!outcomes.isEmpty()) {
      try {
        price = Optional.of(validator.validate(outcomes));
        price.get().rejected().forEach((id, why) -> failures.put("price/" + id, why));
      } catch (NanpinException e) {
        outcomes.forEach((id, o) -> failures.put("price/" + id, o.failure()));
      }
    }
    Optional<DataResult<MacroRegime>> macro = Optional.empty();
    if (macroTask != null) {
      Result<DataResult<MacroRegime>> r = await(macroTask, deadline);
      macro = Optional.ofNullable(r.value);
      if (r.failure != null) {
        failures.put("macro/" + request.macroSource().id(), r.failure);
      }
    }
    List<SentimentBlend.Weighted> readings = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Future<List<Sentiment>>> e : sentimentTasks.entrySet()) {
      SentimentInput in = request.sentiment().get(i++);
      Result<List<Sentiment>> r = await(e.getValue(), deadline);
      if (r.value != null && !r.value.isEmpty()) {
        readings.add(new SentimentBlend.Weighted(r.value.get(r.value.size() - 1), in.weight()));
      } else {
        failures.put("sentiment/" + e.getKey(), r.failure != null ? r.failure : "no reading");
      }
    }
    Optional<Sentiment> sentiment = readings.isEmpty() ? Optional.empty() : Optional.of(SentimentBlend.blend(readings));
    Optional<DataResult<LiquidationClusters>> liq = Optional.empty();
    if (liqTask != null) {
      Result<DataResult<LiquidationClusters>> r = await(liqTask, deadline);
      liq = Optional.ofNullable(r.value);
      if (r.failure != null) {
        failures.put("liquidations/" + request.liquidationSource().id(), r.failure);
      }
    }
    return new MarketSnapshot(price, macro, sentiment, liq, failures, clock.instant());
  }

  private <T> Future<T> submit(Callable<T> task) {
    return executor.submit(task);
  }

  private record Result<T>(T value, String failure) {}

  private <T> Result<T> await(Future<T> f, long deadline) {
    long left = deadline - System.nanoTime();
    try {
      return new Result<>(f.get(Math.max(0, left), TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      f.cancel(true);
      return new Result<>(null, "timed out after " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      return new Result<>(null, c.getClass().getSimpleName() + ": " + c.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      return new Result<>(null, "interrupted");
    }
  }
}
