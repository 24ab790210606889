package dev.nanpin.data.internal;

import dev.nanpin.DataException;
import dev.nanpin.Sentiment;
import dev.nanpin.VenueUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the alternative.me Fear and Greed index: values and timestamps are strings, the newest
 * row comes first, errors are in {@code metadata.error}.
 */
public final class FearGreedParser {
  /** The source id. */
  public static final String ID = "feargreed";

  private FearGreedParser() {}

  /**
   * Checks a reply and returns its JSON, or throws the typed error it carries.
   *
   * @param r the reply
   * @return the root
   */
  public static Json check(Reply r) {
    if (r.html()) {
      throw Errors.html(ID, r);
    }
    Json root;
    try {
      root = Json.parse(ID, r.body());
    } catch (DataException e) {
      throw Errors.unreadable(ID, r, e);
    }
    if (root.isObject() && root.has("metadata") && root.get("metadata").isObject()
        && root.get("metadata").has("error")) {
      String error = root.get("metadata").get("error").scalarText();
      if (!r.ok()) {
        throw Errors.byStatus(ID, r, null, error);
      }
      throw new VenueUnavailableException(ID, null, "feargreed: the source reported an error: " + Errors.clip(error), null);
    }
    if (!r.ok()) {
      throw Errors.byStatus(ID, r, null, null);
    }
    return root;
  }

  /**
   * Reads the readings.
   *
   * @param root the body
   * @return the readings, newest last
   */
  public static List<Sentiment> readings(Json root) {
    List<Sentiment> out = new ArrayList<>();
    List<Json> rows = root.get("data").elements();
    if (rows.isEmpty()) {
      throw root.get("data").error("is empty");
    }
    for (Json row : rows) {
      int v = row.get("value").intIn(0, 100);
      Instant t = row.get("timestamp").epochSeconds();
      out.add(new Sentiment(Sentiment.FEAR_GREED, v, t));
    }
    for (int i = 1; i < out.size(); i++) {
      if (!out.get(i).asOf().isBefore(out.get(i - 1).asOf())) {
        throw new DataException(ID, "$.data[" + i + "].timestamp", "feargreed: timestamps out of order (newest first expected): %s then %s"
            .formatted(out.get(i - 1).asOf(), out.get(i).asOf()), null);
      }
    }
    Collections.reverse(out);
    return out;
  }
}
