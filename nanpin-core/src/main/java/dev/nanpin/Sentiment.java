package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;

import java.time.Instant;

/**
 * A sentiment reading on a 0 to 100 scale (0 extreme fear, 100 extreme greed).
 *
 * @param index which index: {@link #FEAR_GREED} for the Fear &amp; Greed index, {@link #COMPOSITE}
 *     for a blend, or a source-specific name such as {@code polymarket:<slug>}
 * @param value the reading, {@code 0 <= value <= 100}
 * @param asOf when it was observed
 */
public record Sentiment(String index, double value, Instant asOf) implements Signal {
  /** The index name of the crypto Fear &amp; Greed index. */
  public static final String FEAR_GREED = "fear-greed";
  /** The index name of a blend of several sentiment inputs. */
  public static final String COMPOSITE = "composite";

  /** Validates. */
  public Sentiment {
    notBlank(index, "index");
    if (!(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException("sentiment value must be in [0, 100]: " + value);
    }
    notNull(asOf, "asOf");
  }
}
