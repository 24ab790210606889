package dev.nanpin.exchange.backpack;

import dev.nanpin.AuthenticationException;
import dev.nanpin.ConfigException;
import dev.nanpin.Fill;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.NotFoundException;
import dev.nanpin.Order;
import dev.nanpin.OrderOutcomeUnknownException;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.exchange.backpack.internal.J;
import dev.nanpin.http.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles an order placement whose outcome is unknown by its client id: open orders, then order
 * history, then fills, retried with doubling backoff (and, while the order is absent, not again
 * before the signing window has passed) until a definite answer or the deadline.
 * Found: the order. Absent from all three in a lookup that started after the signing window (plus
 * a clock margin) had passed since the request was sent: not placed, because the venue refuses a
 * request older than its window. Neither by the deadline: {@link OrderOutcomeUnknownException}.
 *
 * <p>One instance per placement; not thread-safe.
 */
final class OrderResolver {
  /** The venue code of the exception saying an order was definitely not placed. */
  static final String NOT_PLACED = "NOT_PLACED";
  private static final Logger log = LoggerFactory.getLogger(OrderResolver.class);
  /** Allowance for the error of the measured offset to the venue's clock. */
  private static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);
  private static final Duration MAX_DELAY = Duration.ofSeconds(5);
  private static final int HISTORY_DEPTH = 200;
  private static final int MAX_SUPPRESSED = 8;

  private final BackpackExchange exchange;
  private final BackpackConfig config;
  private final long sentVenueMillis;

  /**
   * @param exchange the connector whose lookups are used
   * @param config its settings (time, sleeper, window, deadline)
   * @param sentVenueMillis the venue-clock time at which the request had surely been signed
   */
  OrderResolver(BackpackExchange exchange, BackpackConfig config, long sentVenueMillis) {
    this.exchange = exchange;
    this.config = config;
    this.sentVenueMillis = sentVenueMillis;
  }

  /**
   * @param e a failure of an order call
   * @return whether it is a definite refusal below HTTP 500 or a local refusal before sending, so
   *     that the order certainly does not exist
   */
  static boolean isDefiniteRefusal(RuntimeException e) {
    return e instanceof OrderRejectedException || e instanceof InsufficientFundsException
        || e instanceof AuthenticationException || e instanceof RateLimitedException
        || e instanceof NotFoundException || e instanceof ConfigException || e instanceof IllegalArgumentException
        // an open circuit breaker refuses before anything is signed or sent
        || (e instanceof VenueUnavailableException v && CircuitBreaker.OPEN_CODE.equals(v.venueCode()));
  }

  /**
   * @param request the order whose outcome is unknown
   * @param cause what left it unknown; lookup failures are added to it as suppressed
   * @return the order as the venue has it
   * @throws OrderOutcomeUnknownException if no lookup was definite by the deadline
   * @throws VenueUnavailableException with code {@value #NOT_PLACED} if the order is absent after
   *     the signing window
   */
  Order resolve(OrderRequest request, RuntimeException cause) {
    long start = config.nanoTime().getAsLong();
    long deadline = start + config.orderResolveDeadline().toNanos();
    long settled = start + config.window().plus(CLOCK_MARGIN).toNanos();
    Instant since = Instant.ofEpochMilli(sentVenueMillis).minus(config.window()).minus(CLOCK_MARGIN);
    Duration delay = config.orderLookupDelay();
    int lookups = 0;
    int suppressed = 0;
    while (true) {
      long lookupStart = config.nanoTime().getAsLong();
      lookups++;
      Lookup found = null;
      try {
        found = lookup(request, since);
      } catch (RuntimeException lookupFailed) {
        // 429, 5xx, unreadable answers: a lookup that failed says nothing; try again
        suppressed = addSuppressed(cause, lookupFailed, suppressed);
      }
      if (found != null && found.order != null) {
        log.info("backpack: order clientId {} resolved after {} lookup(s): {} {}", request.clientId(), lookups,
            found.order.orderId(), found.order.status());
        return found.order;
      }
      if (found != null && !found.seenInFills && lookupStart - settled >= 0) {
        throw new VenueUnavailableException(J.VENUE, NOT_PLACED, ("backpack: order clientId %d on %s was not placed: "
            + "absent from open orders, order history and fills after the %d ms signing window").formatted(
                request.clientId(), request.symbol(), config.window().toMillis()), cause);
      }
      long now = config.nanoTime().getAsLong();
      // absent before the window passed: the next lookup that can settle it is after the window
      Duration pause = found != null && settled - now > delay.toNanos() ? Duration.ofNanos(settled - now) : delay;
      if (now + pause.toNanos() - deadline > 0) {
        break;
      }
      try {
        config.sleeper().sleep(pause);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
      delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
      if (delay.isZero()) {
        delay = Duration.ofMillis(1);
      }
    }
    throw new OrderOutcomeUnknownException(J.VENUE, request, ("backpack: outcome of order clientId %d on %s is unknown "
        + "after %d lookup(s) within %s: it may exist at the venue. Do not send it again; resolve it by its clientId")
        .formatted(request.clientId(), request.symbol(), lookups, config.orderResolveDeadline()), cause);
  }

  private static int addSuppressed(RuntimeException cause, RuntimeException e, int count) {
    if (count < MAX_SUPPRESSED && cause != e) {
      cause.addSuppressed(e);
    }
    return count + 1;
  }

  private Lookup lookup(OrderRequest request, Instant since) {
    String symbol = request.symbol();
    long clientId = request.clientId();
    Optional<Order> open = exchange.openOrderByClientId(symbol, clientId);
    if (open.isPresent()) {
      return new Lookup(open.get(), true);
    }
    for (Order o : exchange.orderHistory(symbol, HISTORY_DEPTH)) {
      if (o.clientId() == clientId) {
        return new Lookup(o, true);
      }
    }
    Optional<Fill> fill = exchange.fills(symbol, since).stream().filter(f -> f.clientId() == clientId).findFirst();
    // a fill without an order record: the order exists, its record is not visible yet
    return new Lookup(null, fill.isPresent());
  }

  private record Lookup(Order order, boolean seenInFills) {}
}
