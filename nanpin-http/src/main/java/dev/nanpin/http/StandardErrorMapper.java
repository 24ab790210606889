package dev.nanpin.http;

import dev.nanpin.AuthenticationException;
import dev.nanpin.ExchangeException;
import dev.nanpin.NanpinException;
import dev.nanpin.NotFoundException;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Maps HTTP status codes to the core exceptions: 2xx is a success; 429 is a {@link
 * RateLimitedException} carrying {@code Retry-After} (seconds or an HTTP date); 401 and 403 an
 * {@link AuthenticationException}; 404 a {@link NotFoundException}; 5xx (and 408) a {@link
 * VenueUnavailableException}; any other status an {@link ExchangeException}. The message
 * names the request line and the start of the body (plain text and HTML bodies included).
 *
 * <p>Immutable and thread-safe.
 */
public class StandardErrorMapper implements ErrorMapper {
  private final String venue;
  private final Clock clock;

  /**
   * Creates a mapper that parses HTTP-date {@code Retry-After} values against the system clock.
   *
   * @param venue the venue or data source id put into the exceptions
   */
  public StandardErrorMapper(String venue) {
    this(venue, Clock.systemUTC());
  }

  /**
   * Creates a mapper.
   *
   * @param venue the venue or data source id put into the exceptions
   * @param clock the wall clock for HTTP-date {@code Retry-After} values
   */
  public StandardErrorMapper(String venue, Clock clock) {
    this.venue = Objects.requireNonNull(venue, "venue");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** @return the venue id put into the exceptions */
  public String venue() {
    return venue;
  }

  @Override
  public NanpinException map(HttpResult r) {
    if (r.isSuccessful()) {
      return null;
    }
    return forStatus(r, null, describe(r));
  }

  /**
   * Builds the exception for a non-2xx status with a venue code and message already extracted
   * (for venue mappers that parsed an error body but want the standard status mapping).
   *
   * @param r the response
   * @param venueCode the venue's code, or {@code null}
   * @param message the message
   * @return the exception
   */
  public NanpinException forStatus(HttpResult r, String venueCode, String message) {
    int code = r.code();
    if (code == 429) {
      return new RateLimitedException(venue, venueCode, message, retryAfter(r));
    }
    if (code == 401 || code == 403) {
      return new AuthenticationException(venue, venueCode, message, null);
    }
    if (code == 404) {
      return new NotFoundException(venue, venueCode, message, null);
    }
    if (code >= 500 || code == 408) {
      return new VenueUnavailableException(venue, venueCode, message, null);
    }
    return new ExchangeException(venue, venueCode, message, null);
  }

  /**
   * @param r a response
   * @return {@code "<venue>: GET https://host/path -> HTTP 400: <body start>"}
   */
  public String describe(HttpResult r) {
    String body = r.bodySnippet(300);
    return "%s: %s -> HTTP %d%s".formatted(venue, r.requestLine(), r.code(), body.isEmpty() ? "" : ": " + body);
  }

  /**
   * Reads {@code Retry-After} as delta-seconds or an HTTP date.
   *
   * @param r the response
   * @return the wait, or {@link Duration#ZERO} when absent or unreadable
   */
  public Duration retryAfter(HttpResult r) {
    String v = r.header("Retry-After");
    if (v == null || v.isBlank()) {
      return Duration.ZERO;
    }
    v = v.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException unreadable) {
        return Duration.ZERO;
      }
    }
  }
}
