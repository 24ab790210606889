package dev.nanpin;

import java.util.List;

/**
 * A signal that exposes its reading as named fields, so that code which does not know its record
 * type (the {@code nanpin} strategy's gate expressions, the {@code nanpin signals} CSV writer) can
 * read it. Signal modules (for example {@code nanpin-signals}) implement it on their typed records;
 * core needs no dependency on them.
 *
 * <p>Field names are lower camel case and stable: they are what users write in a gate such as
 * {@code wyckoff.phase in (B, C, D)}. A field is either numeric ({@link #number}) or textual
 * ({@link #text}); asking for an unknown field is not an error, it reads as absent.
 *
 * <p>Implementations are immutable and thread-safe; the accessors allocate nothing.
 */
public interface SignalView extends Signal {
  /** @return the id of the generator that produced this signal, e.g. {@code wyckoff} */
  String source();

  /** @return the field names, in a stable order (CSV column order) */
  List<String> fieldNames();

  /**
   * Reads a numeric field.
   *
   * @param field a field name
   * @return its value, or {@code NaN} when the field is unknown, textual or has no value now
   */
  double number(String field);

  /**
   * Reads a textual field, e.g. an enum constant's name such as {@code ACCUMULATION}; readers
   * compare text ignoring case.
   *
   * @param field a field name
   * @return its value, or {@code null} when the field is unknown, numeric or has no value now
   */
  String text(String field);

  /**
   * Prices a ladder may snap its levels to (a volume profile's high-volume nodes, for example).
   *
   * @return the prices, ascending; an empty array when the signal has none. Callers must not
   *     modify the array.
   */
  default double[] priceLevels() {
    return new double[0];
  }
}
