package dev.nanpin.data.internal;

import dev.nanpin.DataException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Small helpers shared by the parsers. */
public final class Parse {
  private Parse() {}

  /**
   * Runs a parse step, turning a validation failure of a core record (an {@link
   * IllegalArgumentException} from a compact constructor) into a {@link DataException} naming the
   * source and the field.
   *
   * @param source the source id
   * @param field the field being built
   * @param step the step
   * @param <T> the result type
   * @return the result
   */
  public static <T> T guard(String source, String field, Supplier<T> step) {
    try {
      return step.get();
    } catch (DataException e) {
      if (source.equals(e.source())) {
        throw e;
      }
      // a record refused an implausible value: say which source and where
      throw new DataException(source, field + "." + e.field(), source + ": " + field + ": " + e.getMessage(), null);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DataException(source, field, "%s: %s is not valid: %s".formatted(source, field, e.getMessage()), null);
    }
  }

  /**
   * Requires strictly increasing times.
   *
   * @param source the source id
   * @param field the array's path
   * @param items the items in the order received
   * @param time how to read an item's time
   * @param <T> the item type
   * @return the items
   */
  public static <T> List<T> strictlyIncreasing(String source, String field, List<T> items, Function<T, Instant> time) {
    for (int i = 1; i < items.size(); i++) {
      Instant a = time.apply(items.get(i - 1));
      Instant b = time.apply(items.get(i));
      if (!b.isAfter(a)) {
        throw new DataException(source, field + "[" + i + "]",
            "%s: %s[%d] timestamps out of order: %s is not after %s".formatted(source, field, i, b, a), null);
      }
    }
    return items;
  }
}
