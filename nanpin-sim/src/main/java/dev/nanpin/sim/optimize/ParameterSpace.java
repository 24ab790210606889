package dev.nanpin.sim.optimize;

import dev.nanpin.ConfigException;
import dev.nanpin.spi.ConfigSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The strategy parameters a sweep varies, each a range or a list of values:
 * <ul>
 *   <li>{@code step=0.02:0.06:0.01}: from 0.02 to 0.06 inclusive in steps of 0.01 (decimal
 *       arithmetic, so the values are exactly 0.02, 0.03, ..., 0.06);
 *   <li>{@code levels=3,5,7} or {@code mode=fixed,fibonacci}: the listed values.
 * </ul>
 * {@link #grid()} is the Cartesian product in declaration order (the last parameter varies
 * fastest); {@link #random(int, long)} draws candidates uniformly, whole numbers for integer
 * parameters when a {@link ConfigSpec} says so. Values are strings, validated later by the
 * strategy's own {@link ConfigSpec}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ParameterSpace {
  private final List<Dimension> dimensions;

  private ParameterSpace(List<Dimension> dimensions) {
    this.dimensions = List.copyOf(dimensions);
  }

  /**
   * One varied parameter.
   *
   * @param name the parameter name
   * @param values the grid values, in order
   * @param low the lower end of a range, or {@code null} for a list
   * @param high the upper end of a range, or {@code null} for a list
   * @param integer whether draws must be whole numbers
   */
  public record Dimension(String name, List<String> values, BigDecimal low, BigDecimal high, boolean integer) {
    /** Validates. */
    public Dimension {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new ConfigException(name, "parameter " + name + " has no values");
      }
    }
  }

  /**
   * Parses {@code name=lo:hi:step} or {@code name=v1,v2,...} specifications.
   *
   * @param specs the specifications
   * @param strategySpec the strategy's parameters, to check names and integer types; may be
   *     {@link ConfigSpec#EMPTY} to skip the checks
   * @return the space
   * @throws ConfigException naming the parameter when a specification is malformed or unknown
   */
  public static ParameterSpace parse(List<String> specs, ConfigSpec strategySpec) {
    List<Dimension> dims = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new ConfigException(spec, "expected name=lo:hi:step or name=v1,v2,... but got '" + spec + "'");
      }
      String given = spec.substring(0, eq).trim();
      String name = given;
      String body = spec.substring(eq + 1).trim();
      boolean integer = false;
      if (!strategySpec.params().isEmpty()) {
        ConfigSpec.Param p = strategySpec.param(given).orElseThrow(() -> new ConfigException(given,
            "unknown parameter '" + given + "' to sweep; known: "
                + strategySpec.params().stream().map(ConfigSpec.Param::name).toList()));
        name = p.name();
        integer = p.type() == ConfigSpec.Type.INT || p.type() == ConfigSpec.Type.LONG;
      }
      for (Dimension d : dims) {
        if (d.name().equals(name)) {
          throw new ConfigException(name, "parameter " + name + " is swept twice");
        }
      }
      dims.add(body.contains(":") ? range(name, body, integer) : list(name, body, integer));
    }
    return new ParameterSpace(dims);
  }

  private static Dimension range(String name, String body, boolean integer) {
    String[] parts = body.split(":");
    if (parts.length != 3) {
      throw new ConfigException(name, name + "=" + body + ": a range is lo:hi:step");
    }
    BigDecimal lo;
    BigDecimal hi;
    BigDecimal step;
    try {
      lo = new BigDecimal(parts[0].trim());
      hi = new BigDecimal(parts[1].trim());
      step = new BigDecimal(parts[2].trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name, name + "=" + body + ": lo, hi and step must be numbers");
    }
    if (step.signum() <= 0 || hi.compareTo(lo) < 0) {
      throw new ConfigException(name, name + "=" + body + ": need lo <= hi and step > 0");
    }
    if (hi.subtract(lo).divide(step, 0, java.math.RoundingMode.FLOOR).compareTo(BigDecimal.valueOf(10_000)) > 0) {
      throw new ConfigException(name, name + "=" + body + ": more than 10,000 values");
    }
    List<String> values = new ArrayList<>();
    for (BigDecimal v = lo; v.compareTo(hi) <= 0; v = v.add(step)) {
      values.add(v.stripTrailingZeros().toPlainString());
    }
    return new Dimension(name, values, lo, hi, integer);
  }

  private static Dimension list(String name, String body, boolean integer) {
    List<String> values = new ArrayList<>();
    for (String v : body.split(",")) {
      if (!v.isBlank()) {
        values.add(v.trim());
      }
    }
    return new Dimension(name, values, null, null, integer);
  }

  /** @return the varied parameters in declaration order */
  public List<Dimension> dimensions() {
    return dimensions;
  }

  /** @return the number of grid candidates */
  public long gridSize() {
    long n = 1;
    for (Dimension d : dimensions) {
      n = Math.multiplyExact(n, d.values().size());
    }
    return n;
  }

  /**
   * Every combination, the last dimension varying fastest.
   *
   * @return the candidates as name to value
   * @throws ConfigException if the grid has more than 100,000 candidates
   */
  public List<Map<String, String>> grid() {
    long size = gridSize();
    if (size > 100_000) {
      throw new ConfigException(null, "the grid has " + size + " candidates; use a random search (--samples)");
    }
    List<Map<String, String>> out = new ArrayList<>((int) size);
    int[] idx = new int[dimensions.size()];
    for (long k = 0; k < size; k++) {
      Map<String, String> c = new LinkedHashMap<>();
      for (int d = 0; d < dimensions.size(); d++) {
        c.put(dimensions.get(d).name(), dimensions.get(d).values().get(idx[d]));
      }
      out.add(c);
      for (int d = dimensions.size() - 1; d >= 0; d--) {
        if (++idx[d] < dimensions.get(d).values().size()) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }

  /**
   * The candidate at a point of the unit cube, one coordinate per dimension in declaration order:
   * a range maps {@code u} to {@code low + u * (high - low)} (six significant digits; for integer
   * parameters the whole numbers split {@code [0, 1)} evenly), a list to its value at {@code
   * floor(u * size)}. What a search that works in {@code [0, 1)^n} (the optimiser) evaluates.
   *
   * @param unit the coordinates, each in {@code [0, 1]}
   * @return the candidate as name to value
   * @throws IllegalArgumentException if the number of coordinates is not the number of dimensions
   *     or one is outside {@code [0, 1]}
   */
  public Map<String, String> at(double[] unit) {
    if (unit.length != dimensions.size()) {
      throw new IllegalArgumentException("expected " + dimensions.size() + " coordinates, got " + unit.length);
    }
    Map<String, String> c = new LinkedHashMap<>();
    for (int k = 0; k < unit.length; k++) {
      double u = unit[k];
      if (!(u >= 0 && u <= 1)) {
        throw new IllegalArgumentException("coordinate " + k + " must be in [0, 1]: " + u);
      }
      Dimension d = dimensions.get(k);
      String v;
      if (d.low() == null) {
        v = d.values().get(Math.min(d.values().size() - 1, (int) (u * d.values().size())));
      } else if (d.integer()) {
        long lo = d.low().longValue();
        long span = d.high().longValue() - lo + 1;
        v = Long.toString(lo + Math.min(span - 1, (long) (u * span)));
      } else {
        double lo = d.low().doubleValue();
        double hi = d.high().doubleValue();
        v = new BigDecimal(lo + u * (hi - lo)).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
      }
      c.put(d.name(), v);
    }
    return c;
  }

  /**
   * Random candidates: ranges are drawn uniformly between their ends (whole numbers for integer
   * parameters), lists pick one of their values. Deterministic for a seed.
   *
   * @param samples the number of candidates, {@code >= 1}
   * @param seed the seed
   * @return the candidates
   */
  public List<Map<String, String>> random(int samples, long seed) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1: " + samples);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<Map<String, String>> out = new ArrayList<>(samples);
    for (int k = 0; k < samples; k++) {
      Map<String, String> c = new LinkedHashMap<>();
      for (Dimension d : dimensions) {
        String v;
        if (d.low() == null) {
          v = d.values().get(rng.nextInt(d.values().size()));
        } else if (d.integer()) {
          long lo = d.low().longValue();
          long hi = d.high().longValue();
          v = Long.toString(lo + rng.nextLong(hi - lo + 1));
        } else {
          double lo = d.low().doubleValue();
          double hi = d.high().doubleValue();
          // six significant decimals keep the CSV readable and the value reproducible as text
          v = new BigDecimal(lo + rng.nextDouble() * (hi - lo)).round(new java.math.MathContext(6))
              .stripTrailingZeros().toPlainString();
        }
        c.put(d.name(), v);
      }
      out.add(c);
    }
    return out;
  }
}
