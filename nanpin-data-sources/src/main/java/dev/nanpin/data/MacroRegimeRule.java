package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import dev.nanpin.DataException;
import dev.nanpin.MacroRegime;
import dev.nanpin.Observation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns FRED series into a {@link MacroRegime}: a score in {@code [-1, 1]}, a regime name and a
 * size multiplier for the nanpin ladder.
 *
 * <h2>The rule</h2>
 *
 * <p>Each series votes {@code +1} (friendly to risk assets), {@code -1} (hostile) or {@code 0},
 * from its latest non-missing value and the value a fixed span earlier (the last observation on
 * or before that date):
 *
 * <table class="striped">
 *   <caption>votes</caption>
 *   <tr><th>series</th><th>measure</th><th>+1 when</th><th>-1 when</th></tr>
 *   <tr><td>FEDFUNDS</td><td>change over 6 months, points</td><td>&le; -0.25 (easing)</td><td>&ge; +0.25 (tightening)</td></tr>
 *   <tr><td>CPIAUCSL</td><td>change over 12 months, %</td><td>&le; 2.5</td><td>&ge; 4.0</td></tr>
 *   <tr><td>UNRATE</td><td>latest minus 12-month low, points</td><td>never</td><td>&ge; 0.5 (a Sahm-style rise)</td></tr>
 *   <tr><td>DGS10</td><td>change over 3 months, points</td><td>&le; -0.25</td><td>&ge; +0.50</td></tr>
 *   <tr><td>T10Y2Y</td><td>latest spread, points</td><td>&ge; 0.50</td><td>&lt; 0 (inverted)</td></tr>
 *   <tr><td>M2SL</td><td>change over 12 months, %</td><td>&ge; 5.0</td><td>&lt; 0</td></tr>
 *   <tr><td>DTWEXBGS</td><td>change over 3 months, %</td><td>&le; -2.0 (weaker dollar)</td><td>&ge; +2.0</td></tr>
 *   <tr><td>VIXCLS (optional)</td><td>latest</td><td>&le; 15</td><td>&ge; 30</td></tr>
 * </table>
 *
 * <p>The score is the mean of the votes that could be computed; at least {@code minComponents}
 * are required. The regime is {@code risk-on} at {@code score >= threshold}, {@code risk-off} at
 * {@code score <= -threshold}, else {@code neutral}. The size multiplier is
 * {@code 1 + slope * score}, so with the default slope 0.5 it runs from 0.5 (all hostile) to 1.5
 * (all friendly). The signal's time is the date of the newest observation used.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the score beyond which the regime is risk-on or risk-off, in {@code (0, 1]}
 * @param slope the size multiplier's slope, in {@code [0, 0.99]}
 * @param minComponents the fewest votes needed, {@code >= 1}
 */
public record MacroRegimeRule(double threshold, double slope, int minComponents) {
  /** The seven series of the default set. */
  public static final List<String> DEFAULT_SERIES =
      List.of("FEDFUNDS", "CPIAUCSL", "UNRATE", "DGS10", "T10Y2Y", "M2SL", "DTWEXBGS");
  /** The optional volatility series. */
  public static final String VIX = "VIXCLS";
  /** Threshold 0.25, slope 0.5, at least 4 votes. */
  public static final MacroRegimeRule DEFAULT = new MacroRegimeRule(0.25, 0.5, 4);

  /** Validates. */
  public MacroRegimeRule {
    if (!(threshold > 0 && threshold <= 1) || !(slope >= 0 && slope <= 0.99) || minComponents < 1) {
      throw new IllegalArgumentException("need 0 < threshold <= 1, 0 <= slope <= 0.99, minComponents >= 1: %s, %s, %d"
          .formatted(threshold, slope, minComponents));
    }
  }

  /**
   * One series' vote.
   *
   * @param seriesId the series
   * @param vote -1, 0 or +1
   * @param measure the value the vote was taken on
   * @param asOf the date of the latest observation used
   */
  public record Vote(String seriesId, int vote, double measure, LocalDate asOf) {}

  /**
   * Computes the votes that the data allow.
   *
   * @param series series id to observations, oldest first (missing values allowed)
   * @return the votes, in the order of the table
   */
  public List<Vote> votes(Map<String, List<Observation>> series) {
    requireNonNull(series, "series");
    List<Vote> out = new ArrayList<>();
    change(series, "FEDFUNDS", 6, false).ifPresent(m -> out.add(vote("FEDFUNDS", m, -0.25, 0.25, series)));
    change(series, "CPIAUCSL", 12, true).ifPresent(m -> out.add(vote("CPIAUCSL", m, 2.5, 4.0, series)));
    riseFromLow(series, "UNRATE", 12).ifPresent(m -> out.add(new Vote("UNRATE", m >= 0.5 ? -1 : 0, m, latestDate(series, "UNRATE"))));
    change(series, "DGS10", 3, false).ifPresent(m -> out.add(vote("DGS10", m, -0.25, 0.50, series)));
    latest(series, "T10Y2Y").ifPresent(m -> out.add(new Vote("T10Y2Y", m >= 0.5 ? 1 : m < 0 ? -1 : 0, m, latestDate(series, "T10Y2Y"))));
    change(series, "M2SL", 12, true).ifPresent(m -> out.add(new Vote("M2SL", m >= 5.0 ? 1 : m < 0 ? -1 : 0, m, latestDate(series, "M2SL"))));
    change(series, "DTWEXBGS", 3, true).ifPresent(m -> out.add(vote("DTWEXBGS", m, -2.0, 2.0, series)));
    latest(series, VIX).ifPresent(m -> out.add(vote(VIX, m, 15, 30, series)));
    return out;
  }

  /**
   * Evaluates the regime.
   *
   * @param series series id to observations, oldest first
   * @return the regime
   * @throws DataException (source {@code fred}) when fewer than {@code minComponents} votes can be computed
   */
  public MacroRegime evaluate(Map<String, List<Observation>> series) {
    List<Vote> votes = votes(series);
    if (votes.size() < minComponents) {
      throw new DataException("fred", null, "macro regime needs at least %d of the series %s with enough history, got %d (%s)"
          .formatted(minComponents, DEFAULT_SERIES, votes.size(), votes.stream().map(Vote::seriesId).toList()), null);
    }
    double score = votes.stream().mapToInt(Vote::vote).average().orElse(0);
    String name = score >= threshold ? "risk-on" : score <= -threshold ? "risk-off" : "neutral";
    LocalDate newest = votes.stream().map(Vote::asOf).max(LocalDate::compareTo).orElseThrow();
    return new MacroRegime(score, name, 1 + slope * score, newest.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static Vote vote(String id, double m, double friendlyAtMost, double hostileAtLeast,
      Map<String, List<Observation>> series) {
    int v = m <= friendlyAtMost ? 1 : m >= hostileAtLeast ? -1 : 0;
    return new Vote(id, v, m, latestDate(series, id));
  }

  private static List<Observation> present(Map<String, List<Observation>> series, String id) {
    List<Observation> all = series.get(id);
    if (all == null) {
      return List.of();
    }
    return all.stream().filter(o -> !o.isMissing()).toList();
  }

  private static LocalDate latestDate(Map<String, List<Observation>> series, String id) {
    List<Observation> p = present(series, id);
    return p.get(p.size() - 1).date();
  }

  private static Optional<Double> latest(Map<String, List<Observation>> series, String id) {
    List<Observation> p = present(series, id);
    return p.isEmpty() ? Optional.empty() : Optional.of(p.get(p.size() - 1).value().doubleValue());
  }

  /** Change from the last value on or before {@code months} before the latest date; in % or points. */
  private static Optional<Double> change(Map<String, List<Observation>> series, String id, int months, boolean percent) {
    List<Observation> p = present(series, id);
    if (p.size() < 2) {
      return Optional.empty();
    }
    Observation last = p.get(p.size() - 1);
    LocalDate target = last.date().minusMonths(months);
    Observation base = null;
    for (Observation o : p) {
      if (!o.date().isAfter(target)) {
        base = o;
      }
    }
    if (base == null || base.date().isBefore(target.minusMonths(2))) {
      return Optional.empty(); // no observation near enough to the span asked
    }
    double a = base.value().doubleValue();
    double b = last.value().doubleValue();
    if (percent) {
      return a > 0 ? Optional.of((b / a - 1) * 100) : Optional.empty();
    }
    return Optional.of(b - a);
  }

  private static Optional<Double> riseFromLow(Map<String, List<Observation>> series, String id, int months) {
    List<Observation> p = present(series, id);
    if (p.size() < 2) {
      return Optional.empty();
    }
    Observation last = p.get(p.size() - 1);
    LocalDate from = last.date().minusMonths(months);
    BigDecimal low = null;
    for (Observation o : p) {
      if (!o.date().isBefore(from) && (low == null || o.value().compareTo(low) < 0)) {
        low = o.value();
      }
    }
    return Optional.of(last.value().subtract(low).doubleValue());
  }
}
