package dev.nanpin.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.NotFoundException;
import dev.nanpin.Order;
import dev.nanpin.OrderOutcomeUnknownException;
import dev.nanpin.OrderRequest;
import dev.nanpin.RateLimitedException;
import dev.nanpin.Side;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.exchange.backpack.FaultInjectingVenue.Fault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Order placements through {@link BackpackExchange#placeOrder} under injected faults: an order
 * is never sent twice, and an order the venue executed is reported as the order or as {@link
 * OrderOutcomeUnknownException}, never as another failure. The HTTP client keeps OkHttp's default
 * {@code retryOnConnectionFailure=true}, as a user's client would.
 */
class OrderFaultInjectionTest {
  private static final long SEED = Long.getLong("nanpin.faults.seed", 13L);
  private static final int PLACEMENTS = Integer.getInteger("nanpin.faults.placements", 200);

  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeBackpackVenue fake = new FakeBackpackVenue(BackpackSignerTest.PUB1);
  private final FaultInjectingVenue venue = new FaultInjectingVenue(fake);
  private final TestVenue test = new TestVenue();
  private BackpackExchange exchange;

  private BackpackExchange exchange() {
    server.setDispatcher(venue);
    OkHttpClient userClient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(80)).build();
    exchange = new BackpackExchange(test.config(server).httpClient(userClient).build());
    return exchange;
  }

  @AfterEach
  void close() {
    if (exchange != null) {
      exchange.close();
    }
    assertThat(fake.signatureFailures).isEmpty();
  }

  private static OrderRequest order(long clientId, boolean market) {
    return market
        ? OrderRequest.marketQuote("SOL_USDC_PERP", Side.BUY, new BigDecimal("30"), clientId)
        : OrderRequest.limit("SOL_USDC_PERP", Side.BUY, new BigDecimal("0.10"), new BigDecimal("75.00"), clientId);
  }

  @Test
  void serverErrorSayingNotFoundAfterAcceptIsResolvedToTheOrder() {
    BackpackExchange ex = exchange();
    venue.nextFault = Fault.SERVER_ERROR_AFTER_ACCEPT;
    venue.serverErrorBody = 3; // "order not found"
    Order o = ex.placeOrder(order(41, true));
    assertThat(o.clientId()).isEqualTo(41);
    assertThat(venue.postsByClientId.get(41L).get()).isEqualTo(1);
  }

  @Test
  void emptyAndEmptyObject200AfterAcceptAreResolvedToTheOrder() {
    BackpackExchange ex = exchange();
    venue.nextFault = Fault.EMPTY_200_AFTER_ACCEPT;
    assertThat(ex.placeOrder(order(42, true)).clientId()).isEqualTo(42);
    venue.nextFault = Fault.MALFORMED_200_AFTER_ACCEPT;
    venue.malformedBody = 0; // {}
    assertThat(ex.placeOrder(order(43, false)).clientId()).isEqualTo(43);
  }

  @Test
  void timeoutThenLookupsAnswered429IsResolvedNotReportedAsRateLimited() {
    BackpackExchange ex = exchange();
    venue.nextFault = Fault.TIMEOUT_AFTER_ACCEPT;
    venue.failingLookups = 4;
    venue.lookupsAnswer429 = true;
    venue.retryAfterSeconds = 2;
    Order o = ex.placeOrder(order(44, true));
    assertThat(o.clientId()).isEqualTo(44);
    assertThat(venue.postsByClientId.get(44L).get()).isEqualTo(1);
  }

  @Test
  void orderThatNeverReachedTheVenueIsNotPlacedOnlyAfterTheSigningWindow() {
    BackpackExchange ex = exchange();
    venue.nextFault = Fault.RESET_BEFORE_ACCEPT;
    long before = test.nanos.get();
    assertThatThrownBy(() -> ex.placeOrder(order(45, true)))
        .isInstanceOfSatisfying(VenueUnavailableException.class,
            e -> assertThat(e.venueCode()).isEqualTo(OrderResolver.NOT_PLACED))
        .hasMessageContaining("was not placed");
    assertThat(Duration.ofNanos(test.nanos.get() - before)).isGreaterThan(Duration.ofSeconds(5));
    assertThat(venue.postsByClientId.get(45L).get()).isEqualTo(1);
  }

  @Test
  void lookupsThatNeverAnswerEndInOutcomeUnknownAtTheDeadline() {
    BackpackExchange ex = exchange();
    venue.nextFault = Fault.SERVER_ERROR_AFTER_ACCEPT;
    venue.failingLookups = Integer.MAX_VALUE;
    long before = test.nanos.get();
    OrderRequest req = order(46, true);
    assertThatThrownBy(() -> ex.placeOrder(req))
        .isInstanceOfSatisfying(OrderOutcomeUnknownException.class, e -> {
          assertThat(e.clientId()).isEqualTo(46);
          assertThat(e.request()).isEqualTo(req);
        })
        .hasMessageContaining("Do not send it again");
    assertThat(Duration.ofNanos(test.nanos.get() - before)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(venue.postsByClientId.get(46L).get()).isEqualTo(1);
  }

  @Test
  void hundredsOfFaultedPlacementsNeverDoubleAnOrderNorMisreportAnExecutedOne() {
    BackpackExchange ex = exchange();
    Random rnd = new Random(SEED);
    Fault[] faults = Fault.values();
    Map<Fault, Integer> byFault = new EnumMap<>(Fault.class);
    int successes = 0;
    int unknown = 0;
    int notPlaced = 0;
    int otherFailures = 0;
    int lookupFaults = 0;
    int callerWaits = 0;
    Map<String, Integer> refusals = new java.util.TreeMap<>();
    List<String> misreports = new ArrayList<>();
    long clientId = 100_000;
    for (int i = 0; i < PLACEMENTS; i++) {
      venue.failingLookups = 0;
      callerWaits += waitUntilTheVenueAdmits(ex);
      Fault fault = faults[rnd.nextInt(faults.length)];
      byFault.merge(fault, 1, Integer::sum);
      venue.nextFault = fault;
      venue.serverErrorBody = rnd.nextInt(FaultInjectingVenue.SERVER_ERROR_BODIES.length);
      venue.serverErrorStatus = new int[] {500, 502, 503, 504}[rnd.nextInt(4)];
      venue.malformedBody = rnd.nextInt(FaultInjectingVenue.MALFORMED_BODIES.length);
      venue.failingLookups = fault == Fault.NONE ? 0 : rnd.nextInt(5);
      venue.lookupsAnswer429 = rnd.nextBoolean();
      venue.retryAfterSeconds = 1 + rnd.nextInt(20);
      lookupFaults += venue.failingLookups;
      long cid = ++clientId;
      try {
        Order o = ex.placeOrder(order(cid, rnd.nextBoolean()));
        successes++;
        if (o.clientId() != cid || !venue.executed.contains(cid)) {
          misreports.add(fault + ": reported placed but the venue has no order " + cid);
        }
      } catch (OrderOutcomeUnknownException e) {
        unknown++;
      } catch (RuntimeException e) {
        if (e instanceof VenueUnavailableException v && OrderResolver.NOT_PLACED.equals(v.venueCode())) {
          notPlaced++;
        } else {
          otherFailures++;
          String kind = e.getClass().getSimpleName()
              + (e instanceof dev.nanpin.ExchangeException x && x.venueCode() != null ? "/" + x.venueCode() : "");
          refusals.merge(kind, 1, Integer::sum);
        }
        if (venue.executed.contains(cid)) {
          misreports.add(fault + ": executed order " + cid + " reported as " + e);
        }
      }
      venue.failingLookups = 0;
    }
    System.out.printf("fault injection (seed %d): %d placements, faults %s, %d failing lookups; %d placed, "
            + "%d outcome unknown, %d not placed, %d refused before sending %s; %d executed at the venue; %d double sends; "
            + "%d misreports; %d caller waits (rate limit or breaker) between placements%n", SEED, PLACEMENTS, byFault, lookupFaults, successes, unknown, notPlaced,
        otherFailures, refusals, venue.executed.size(), venue.doubleSends(), misreports.size(), callerWaits);
    assertThat(venue.doubleSends()).isZero();
    assertThat(misreports).isEmpty();
    assertThat(fake.orderCount()).isEqualTo(venue.executed.size());
    // every other failure is a definite refusal of an order that was never executed (checked above)
    assertThat(refusals.keySet()).allMatch(k -> k.startsWith("RateLimitedException")
        || k.endsWith("/CIRCUIT_OPEN") || k.startsWith("OrderRejectedException"));
  }

  /**
   * What a careful caller does before its next order after faults: waits out the limiter's
   * cool-down and the open circuit breaker (on fake time), probing with a read.
   *
   * @return how many waits it took
   */
  private int waitUntilTheVenueAdmits(BackpackExchange ex) {
    for (int waits = 0; waits < 1000; waits++) {
      try {
        ex.ticker("SOL_USDC_PERP");
        if (ex.circuitState().equals("CLOSED")) {
          return waits;
        }
      } catch (RateLimitedException limited) {
        Duration d = limited.retryAfter();
        test.nanos.addAndGet(Math.max(d.toNanos(), Duration.ofSeconds(1).toNanos()));
        continue;
      } catch (VenueUnavailableException open) {
        // breaker open: wait for its probe
      }
      test.nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    }
    throw new AssertionError("the venue never admitted a call again");
  }
}
