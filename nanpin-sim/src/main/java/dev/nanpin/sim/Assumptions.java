package dev.nanpin.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a report assumed, complete enough to run it again: the simulation settings, the strategy
 * and its every parameter (defaults included), the sizer, the data or the path generator with its
 * seed, and the command line that repeats the run. Every report (backtest, Monte Carlo, sweep,
 * walk-forward) writes it as a machine-readable {@code "assumptions"} object in its JSON and as a
 * table near the top of its HTML.
 *
 * <p>Entries keep their insertion order; values are strings, numbers or booleans. Immutable and
 * thread-safe; {@link #with} returns a copy.
 */
public final class Assumptions {
  private final Map<String, Object> entries;

  private Assumptions(Map<String, Object> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** @return assumptions without any entry */
  public static Assumptions none() {
    return new Assumptions(new LinkedHashMap<>());
  }

  /**
   * The settings of a simulation: capital, fees, slippage, fill timing and intrabar path, the
   * instrument and, for a perpetual, leverage, maintenance margin, liquidation fee and funding,
   * the default sizer's quote and the metric conventions.
   *
   * @param c the configuration
   * @return the assumptions
   */
  public static Assumptions of(SimulationConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("capital", c.capital());
    m.put("makerFeeBps", c.makerFeeBps());
    m.put("takerFeeBps", c.takerFeeBps());
    m.put("slippageBps", c.slippageBps());
    m.put("fillTiming", name(c.fillTiming()));
    m.put("intrabarPath", name(c.intrabarPath()));
    m.put("limitFillsOnTouch", c.limitFillsOnTouch());
    m.put("instrument", c.instrument().symbol());
    m.put("account", c.perpetual() ? "perp" : "spot");
    if (c.perpetual()) {
      m.put("leverage", c.leverage());
      m.put("maintenanceMargin", c.maintenanceMarginDescription());
      m.put("liquidationFeeBps", c.liquidationFeeBps());
      if (c.hasFundingSeries()) {
        m.put("funding", "series of " + c.fundingTimes().length + " rates");
      } else {
        m.put("fundingRatePerInterval", c.fundingRate());
        m.put("fundingIntervalHours", c.fundingInterval().toMinutes() / 60.0);
      }
    }
    m.put("defaultSizerQuote", c.defaultSizerQuote());
    m.put("signals", c.signals().size());
    m.put("periodsPerYear", c.periodsPerYear());
    m.put("minAnnualisedDays", c.minAnnualisedDays());
    m.put("returns", "simple daily mark-to-market returns; VaR/CVaR historical on simple returns");
    return new Assumptions(m);
  }

  /**
   * A copy with one more entry (or a replaced one, in its old place).
   *
   * @param key the name
   * @param value a string, number or boolean; {@code null} leaves the entry out
   * @return the copy
   */
  public Assumptions with(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Map<String, Object> m = new LinkedHashMap<>(entries);
    if (value != null) {
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new IllegalArgumentException("assumption '" + key + "' must be a string, number or boolean: " + value);
      }
      m.put(key, value);
    }
    return new Assumptions(m);
  }

  /**
   * A copy with every entry of {@code values}, each key prefixed (e.g. {@code "strategy."}).
   *
   * @param prefix the prefix of the keys
   * @param values the entries; values other than strings, numbers and booleans are written as text
   * @return the copy
   */
  public Assumptions withAll(String prefix, Map<String, ?> values) {
    Assumptions a = this;
    for (Map.Entry<String, ?> e : values.entrySet()) {
      Object v = e.getValue();
      a = a.with(prefix + e.getKey(), v == null || v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
    }
    return a;
  }

  /** @return the entries in order */
  public Map<String, Object> entries() {
    return entries;
  }

  /**
   * The entries as one JSON object.
   *
   * @param indent the indentation of the object's closing brace (its entries get two more spaces)
   * @return the JSON text, without a trailing newline
   */
  public String toJson(String indent) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      sb.append(first ? "\n" : ",\n").append(indent).append("  ").append(ReportWriter.quote(e.getKey())).append(": ");
      first = false;
      Object v = e.getValue();
      if (v instanceof String s) {
        sb.append(ReportWriter.quote(s));
      } else if (v instanceof Double d) {
        sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
      } else {
        sb.append(v);
      }
    }
    return sb.append(first ? "}" : "\n" + indent + "}").toString();
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return "Assumptions" + entries;
  }
}
