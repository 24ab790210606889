package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import dev.nanpin.DataException;
import dev.nanpin.PricePoint;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks one asset's price across sources.
 *
 * <p>The rule: take the median of the prices that arrived; reject every source further than
 * {@code maxDeviation} (a fraction, default 1 %) from it; when at least two remain, the answer is
 * the median of those (consensus). When fewer than two prices agree, fall back to the first
 * source in {@code priority} that answered and was not rejected as an outlier of a majority,
 * and say so ({@code consensus = false}). When nothing answered, fail with every reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxDeviation the largest accepted distance from the median, as a fraction, {@code (0, 1)}
 * @param priority source ids in fallback order; sources not listed come after, by id
 */
public record PriceValidator(double maxDeviation, List<String> priority) {
  /** 1 %, no priority (fallback by id). */
  public static final PriceValidator DEFAULT = new PriceValidator(0.01, List.of());

  /** Validates and copies. */
  public PriceValidator {
    if (!(maxDeviation > 0 && maxDeviation < 1)) {
      throw new IllegalArgumentException("maxDeviation must be in (0, 1): " + maxDeviation);
    }
    priority = List.copyOf(priority);
  }

  /**
   * One source's outcome: a price, or the reason it has none.
   *
   * @param price the price, or {@code null}
   * @param failure why there is no price, or {@code null}
   */
  public record Outcome(PricePoint price, String failure) {
    /** Validates. */
    public Outcome {
      if ((price == null) == (failure == null)) {
        throw new IllegalArgumentException("exactly one of price and failure");
      }
    }

    /**
     * @param p the price
     * @return a success
     */
    public static Outcome of(PricePoint p) {
      return new Outcome(requireNonNull(p, "p"), null);
    }

    /**
     * @param why the reason
     * @return a failure
     */
    public static Outcome failed(String why) {
      return new Outcome(null, requireNonNull(why, "why"));
    }
  }

  /**
   * Validates.
   *
   * @param outcomes source id to outcome
   * @return the validated price
   * @throws DataException (source {@code price-validation}) when no source answered
   */
  public ValidatedPrice validate(Map<String, Outcome> outcomes) {
    Map<String, String> rejected = new TreeMap<>();
    Map<String, PricePoint> ok = new TreeMap<>();
    outcomes.forEach((id, o) -> {
      if (o.price() != null) {
        ok.put(id, o.price());
      } else {
        rejected.put(id, o.failure());
      }
    });
    if (ok.isEmpty()) {
      throw new DataException("price-validation", null, "no source gave a price: " + rejected, null);
    }
    BigDecimal median = median(ok.values().stream().map(PricePoint::price).toList());
    Map<String, PricePoint> agreeing = new LinkedHashMap<>();
    Map<String, String> outliers = new TreeMap<>();
    for (Map.Entry<String, PricePoint> e : ok.entrySet()) {
      double dev = e.getValue().price().subtract(median).abs().divide(median, MathContext.DECIMAL64).doubleValue();
      if (dev <= maxDeviation) {
        agreeing.put(e.getKey(), e.getValue());
      } else {
        outliers.put(e.getKey(), "%s is %.2f%% from the median %s (max %.2f%%)".formatted(
            e.getValue().price().toPlainString(), dev * 100, median.toPlainString(), maxDeviation * 100));
      }
    }
    if (agreeing.size() >= 2) {
      rejected.putAll(outliers);
      BigDecimal p = median(agreeing.values().stream().map(PricePoint::price).toList());
      return new ValidatedPrice(p, true, List.copyOf(agreeing.keySet()), rejected, oldest(agreeing.values()));
    }
    // No two sources agree: take the first by priority, and report the others as unconfirmed.
    String pick = ordered(ok.keySet()).get(0);
    for (String id : ok.keySet()) {
      if (!id.equals(pick)) {
        rejected.put(id, outliers.getOrDefault(id, "not used: no two sources agreed, fell back to " + pick));
      }
    }
    PricePoint chosen = ok.get(pick);
    return new ValidatedPrice(chosen.price(), false, List.of(pick), rejected, chosen.time());
  }

  private List<String> ordered(java.util.Collection<String> ids) {
    List<String> out = new ArrayList<>(ids);
    out.sort(Comparator.comparingInt((String id) -> {
      int i = priority.indexOf(id);
      return i < 0 ? Integer.MAX_VALUE : i;
    }).thenComparing(Comparator.naturalOrder()));
    return out;
  }

  private static Instant oldest(java.util.Collection<PricePoint> points) {
    return points.stream().map(PricePoint::time).min(Comparator.naturalOrder()).orElseThrow();
  }

  static BigDecimal median(List<BigDecimal> values) {
    List<BigDecimal> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.naturalOrder());
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
  }
}
