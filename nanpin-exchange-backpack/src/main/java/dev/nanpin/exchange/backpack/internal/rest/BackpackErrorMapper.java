package dev.nanpin.exchange.backpack.internal.rest;

import static dev.nanpin.exchange.backpack.internal.J.VENUE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.AuthenticationException;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.NanpinException;
import dev.nanpin.NotFoundException;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.exchange.backpack.internal.J;
import dev.nanpin.http.ErrorMapper;
import dev.nanpin.http.HttpResult;
import dev.nanpin.http.StandardErrorMapper;
import java.time.Clock;
import java.util.Locale;

/**
 * Maps Backpack error responses ({@code {"code":"INVALID_ORDER","message":"..."}}, plain-text
 * parse errors, HTML from a proxy) to the core exceptions. Any 5xx is a {@link
 * VenueUnavailableException} whatever its body says. Below 500 the venue code decides where it
 * is specific; otherwise the HTTP status does ({@link StandardErrorMapper}).
 */
public final class BackpackErrorMapper implements ErrorMapper {
  private final StandardErrorMapper standard;
  private final ObjectMapper mapper;

  /**
   * @param clock the wall clock for HTTP-date {@code Retry-After}
   * @param mapper the JSON mapper
   */
  public BackpackErrorMapper(Clock clock, ObjectMapper mapper) {
    this.standard = new StandardErrorMapper(VENUE, clock);
    this.mapper = mapper;
  }

  /**
   * @param e an exception from a signed call
   * @return whether it is the venue's "Request has expired" (clock drift or a slow queue)
   */
  public static boolean isExpired(Throwable e) {
    return e instanceof AuthenticationException && e.getMessage() != null
        && e.getMessage().toLowerCase(Locale.ROOT).contains("expired");
  }

  @Override
  public NanpinException map(HttpResult r) {
    if (r.isSuccessful()) {
      return null;
    }
    String code = null;
    String message = null;
    String body = r.body().strip();
    if (body.startsWith("{")) {
      try {
        JsonNode n = mapper.readTree(body);
        code = J.strOrNull(n, "code");
        message = J.strOrNull(n, "message");
      } catch (Exception notJson) {
        // plain text that merely starts with a brace: fall through to the raw body
      }
    }
    String text = message != null ? message : r.bodySnippet(300);
    String full = "backpack: %s -> HTTP %d%s%s".formatted(r.requestLine(), r.code(),
        code == null ? "" : " " + code, text.isEmpty() ? "" : ": " + text);
    String lower = text.toLowerCase(Locale.ROOT);
    boolean orderCall = isOrderPlacement(r);

    if (r.code() >= 500) {
      // A server error says nothing definite, whatever its body reads ("not found", "expired",
      // "already exists" from a proxy or a crashed handler): for an order the outcome is unknown.
      return new VenueUnavailableException(VENUE, code, full, null);
    }
    if (lower.contains("request has expired") || lower.contains("invalid signature")) {
      return new AuthenticationException(VENUE, code, full, null);
    }
    if (lower.contains("not found")) {
      return new NotFoundException(VENUE, code, full, null);
    }
    if (code != null) {
      switch (code) {
        case "INVALID_SIGNATURE", "UNAUTHORIZED", "FORBIDDEN", "ACCOUNT_DEACTIVATED", "INVALID_TWO_FACTOR_CODE":
          return new AuthenticationException(VENUE, code, full, null);
        case "INSUFFICIENT_FUNDS", "INSUFFICIENT_MARGIN", "BORROW_LIMIT":
          return new InsufficientFundsException(VENUE, code, full, null);
        case "RESOURCE_NOT_FOUND":
          return new NotFoundException(VENUE, code, full, null);
        case "TOO_MANY_REQUESTS":
          return new RateLimitedException(VENUE, code, full, standard.retryAfter(r));
        case "MAINTENANCE", "SERVER_ERROR", "TIMEOUT":
          return new VenueUnavailableException(VENUE, code, full, null);
        case "INVALID_ORDER", "INVALID_PRICE", "INVALID_QUANTITY", "ORDER_LIMIT", "POSITION_LIMIT",
            "MAX_LEVERAGE_REACHED", "TRADING_PAUSED", "ACCOUNT_LIQUIDATING", "INVALID_MARKET", "INVALID_SYMBOL",
            "INVALID_CLIENT_REQUEST", "PRECONDITION_FAILED":
          if (orderCall) {
            return new OrderRejectedException(VENUE, code, full, null);
          }
          break; // a bad parameter of a read: the status decides below
        default:
          break;
      }
    }
    if (orderCall && r.code() >= 400 && r.code() < 500 && r.code() != 401 && r.code() != 403 && r.code() != 429) {
      // plain-text payload errors ("Bad Request parse request payload error ...") on an order
      return new OrderRejectedException(VENUE, code, full, null);
    }
    return standard.forStatus(r, code, full);
  }

  /**
   * A body that cannot be read. For an order placement this leaves the outcome unknown, so it
   * is a {@link VenueUnavailableException} and the order is resolved by its client id.
   */
  @Override
  public NanpinException malformed(HttpResult r, Exception cause) {
    return new VenueUnavailableException(VENUE, J.MALFORMED,
        "backpack: unreadable response to %s (HTTP %d): %s".formatted(r.requestLine(), r.code(), r.bodySnippet(200)),
        cause);
  }

  private static boolean isOrderPlacement(HttpResult r) {
    String path = r.url().encodedPath();
    return r.method().equals("POST") && (path.endsWith("/api/v1/order") || path.endsWith("/api/v1/orders"));
  }
}
