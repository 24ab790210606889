package dev.nanpin.strategy;

import dev.nanpin.SignalView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A {@link SignalView} for tests: fields from a map (numbers or strings) and fixed price levels. */
record FieldSignal(String source, Instant asOf, Map<String, Object> fields, double[] levels) implements SignalView {
  FieldSignal(String source, long asOfMillis, Map<String, Object> fields) {
    this(source, Instant.ofEpochMilli(asOfMillis), fields, new double[0]);
  }

  @Override
  public List<String> fieldNames() {
    return List.copyOf(fields.keySet());
  }

  @Override
  public double number(String field) {
    return fields.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  @Override
  public String text(String field) {
    return fields.get(field) instanceof String s ? s : null;
  }

  @Override
  public double[] priceLevels() {
    return levels;
  }
}
