package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import dev.nanpin.DataException;
import dev.nanpin.Sentiment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Blends sentiment inputs into one {@link Sentiment#COMPOSITE} reading on the 0 to 100 scale.
 *
 * <p>The rule: a prediction market becomes a reading {@code 100 * p} when its watched outcome is
 * bullish for crypto (for example "Yes" on "Will BTC reach $150k?"), or {@code 100 * (1 - p)}
 * when it is bearish ("Yes" on "US recession in 2026?"); the Fear and Greed index is used as is.
 * The composite is the weighted mean of the readings. Its time is that of the <em>oldest</em>
 * input, so the signal never looks fresher than its stalest part.
 *
 * <p>Stateless and thread-safe.
 */
public final class SentimentBlend {
  private SentimentBlend() {}

  /**
   * A watched prediction market.
   *
   * @param slug the Gamma slug
   * @param outcome the outcome to read, e.g. {@code Yes}
   * @param bullish whether that outcome is good for crypto prices
   * @param weight its weight in the blend, {@code > 0}
   */
  public record WatchedMarket(String slug, String outcome, boolean bullish, double weight) {
    /** Validates. */
    public WatchedMarket {
      requireNonNull(slug, "slug");
      requireNonNull(outcome, "outcome");
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("weight must be > 0: " + weight);
      }
    }

    /**
     * Parses {@code slug[:outcome][:bull|bear][:weight]}, e.g. {@code will-btc-hit-150k:Yes:bull:1}.
     *
     * @param text the text
     * @return the market
     */
    public static WatchedMarket parse(String text) {
      String[] p = text.trim().split(":");
      if (p.length == 0 || p[0].isBlank() || p.length > 4) {
        throw new IllegalArgumentException("expected slug[:outcome][:bull|bear][:weight], got '" + text + "'");
      }
      String outcome = p.length > 1 ? p[1] : "Yes";
      boolean bull = p.length <= 2 || switch (p[2].toLowerCase(java.util.Locale.ROOT)) {
        case "bull", "bullish" -> true;
        case "bear", "bearish" -> false;
        default -> throw new IllegalArgumentException("expected bull or bear in '" + text + "'");
      };
      double w;
      try {
        w = p.length > 3 ? Double.parseDouble(p[3]) : 1.0;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight must be a number in '" + text + "'");
      }
      return new WatchedMarket(p[0], outcome, bull, w);
    }
  }

  /**
   * A reading and its weight.
   *
   * @param reading the reading
   * @param weight the weight, {@code > 0}
   */
  public record Weighted(Sentiment reading, double weight) {
    /** Validates. */
    public Weighted {
      requireNonNull(reading, "reading");
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("weight must be > 0: " + weight);
      }
    }
  }

  /**
   * Reads a market's watched outcome as a sentiment reading.
   *
   * @param market the market
   * @param watched how to read it
   * @param asOf when the market's prices were fetched
   * @return the reading, index {@code polymarket:<slug>}
   * @throws IllegalArgumentException if the market has no such outcome
   */
  public static Sentiment fromMarket(PredictionMarket market, WatchedMarket watched, Instant asOf) {
    BigDecimal p = market.priceOf(watched.outcome());
    double v = p.doubleValue() * 100;
    return new Sentiment("polymarket:" + market.slug(), watched.bullish() ? v : 100 - v, asOf);
  }

  /**
   * Blends readings.
   *
   * @param inputs the readings and their weights
   * @return the composite reading
   * @throws DataException if there is no input
   */
  public static Sentiment blend(List<Weighted> inputs) {
    if (inputs.isEmpty()) {
      throw new DataException("sentiment", null, "no sentiment input is available", null);
    }
    double sum = 0;
    double weights = 0;
    for (Weighted w : inputs) {
      sum += w.reading().value() * w.weight();
      weights += w.weight();
    }
    double value = Math.max(0, Math.min(100, sum / weights));
    Instant oldest = inputs.stream().map(w -> w.reading().asOf()).min(Comparator.naturalOrder()).orElseThrow();
    return new Sentiment(Sentiment.COMPOSITE, value, oldest);
  }
}
