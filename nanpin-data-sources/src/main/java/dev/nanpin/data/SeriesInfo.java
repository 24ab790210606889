package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A FRED series' metadata.
 *
 * @param id the series id
 * @param title the title
 * @param frequency the native frequency, e.g. {@code Monthly}
 * @param units the units, e.g. {@code Percent}
 * @param lastUpdated when FRED last updated it
 */
public record SeriesInfo(String id, String title, String frequency, String units, Instant lastUpdated) {
  /** Validates. */
  public SeriesInfo {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    requireNonNull(frequency, "frequency");
    requireNonNull(units, "units");
    requireNonNull(lastUpdated, "lastUpdated");
  }
}
