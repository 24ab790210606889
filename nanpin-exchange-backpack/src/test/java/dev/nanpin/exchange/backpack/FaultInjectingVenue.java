package dev.nanpin.exchange.backpack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * Wraps {@link FakeBackpackVenue} and injects the faults an order placement meets in practice:
 * the connection reset or the answer stalled after the venue took the order, a 5xx with any body
 * (taken or not), an empty or malformed 200, "client id already exists" for an order it just
 * took, and lookups answered 429 or 5xx. It records which client ids the venue executed and how
 * many order POSTs reached it for each, so a test can count double sends.
 */
final class FaultInjectingVenue extends Dispatcher {
  /** What happens to the next order POST. */
  enum Fault {
    NONE(false), RESET_AFTER_ACCEPT(true), RESET_BEFORE_ACCEPT(false), TIMEOUT_AFTER_ACCEPT(true),
    SERVER_ERROR_AFTER_ACCEPT(true), SERVER_ERROR_BEFORE_ACCEPT(false), EMPTY_200_AFTER_ACCEPT(true),
    MALFORMED_200_AFTER_ACCEPT(true), ALREADY_EXISTS_AFTER_ACCEPT(true);

    final boolean accepts;

    Fault(boolean accepts) {
      this.accepts = accepts;
    }
  }

  /** Bodies a 5xx may carry: some read like definite answers, none is one. */
  static final String[] SERVER_ERROR_BODIES = {
      "", "Internal Server Error", "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Not Found\"}",
      "order not found", "<html><body>502 Bad Gateway</body></html>",
      "{\"code\":\"INVALID_ORDER\",\"message\":\"Order with client ID already exists\"}", "Request has expired",
      "{\"code\":\"INSUFFICIENT_FUNDS\",\"message\":\"Insufficient funds\"}", "{\"code\":\"TOO_MANY_REQUESTS\"}"};
  static final String[] MALFORMED_BODIES = {"{}", "{\"id\":", "<html>cf challenge</html>", "[]", "null",
      "{\"id\":\"1\",\"status\":\"New\"}"};
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> LOOKUPS = Set.of("GET /api/v1/orders", "GET /api/v1/order",
      "GET /wapi/v1/history/orders", "GET /wapi/v1/history/fills");

  final FakeBackpackVenue venue;
  final Map<Long, AtomicInteger> postsByClientId = new ConcurrentHashMap<>();
  final Set<Long> executed = ConcurrentHashMap.newKeySet();
  volatile Fault nextFault = Fault.NONE;
  volatile int serverErrorBody;
  volatile int malformedBody;
  volatile int serverErrorStatus = 500;
  /** How many of the next lookups fail, and how. */
  volatile int failingLookups;
  volatile boolean lookupsAnswer429;
  volatile long retryAfterSeconds = 1;
  volatile long stallMillis = 250;

  FaultInjectingVenue(FakeBackpackVenue venue) {
    this.venue = venue;
  }

  @Override
  public MockResponse dispatch(RecordedRequest r) {
    String key = r.getMethod() + " " + r.getUrl().encodedPath();
    if (key.equals("POST /api/v1/order")) {
      return order(r);
    }
    if (LOOKUPS.contains(key) && failingLookups > 0) {
      failingLookups--;
      return lookupsAnswer429
          ? new MockResponse.Builder().code(429).addHeader("Retry-After", Long.toString(retryAfterSeconds)).build()
          : FakeBackpackVenue.text(503, "not found");
    }
    return venue.dispatch(r);
  }

  private MockResponse order(RecordedRequest r) {
    long clientId = clientId(r);
    postsByClientId.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
    Fault fault = nextFault;
    nextFault = Fault.NONE;
    if (!fault.accepts && fault != Fault.NONE) {
      return fault == Fault.RESET_BEFORE_ACCEPT ? reset() : serverError();
    }
    MockResponse real = venue.dispatch(r);
    if (real.getCode() == 200) {
      executed.add(clientId);
    }
    return switch (fault) {
      case NONE -> real;
      case RESET_AFTER_ACCEPT -> reset();
      case TIMEOUT_AFTER_ACCEPT -> new MockResponse.Builder().code(200)
          .addHeader("Content-Type", "application/json").body(FakeBackpackVenue.bodyText(real))
          .headersDelay(stallMillis, TimeUnit.MILLISECONDS).build();
      case SERVER_ERROR_AFTER_ACCEPT -> serverError();
      case EMPTY_200_AFTER_ACCEPT -> FakeBackpackVenue.json(200, "");
      case MALFORMED_200_AFTER_ACCEPT -> FakeBackpackVenue.json(200, MALFORMED_BODIES[malformedBody]);
      case ALREADY_EXISTS_AFTER_ACCEPT -> FakeBackpackVenue.json(400,
          "{\"code\":\"INVALID_ORDER\",\"message\":\"Order with client ID already exists: " + clientId + "\"}");
      default -> throw new IllegalStateException(fault.name());
    };
  }

  private MockResponse serverError() {
    return FakeBackpackVenue.text(serverErrorStatus, SERVER_ERROR_BODIES[serverErrorBody]);
  }

  private static MockResponse reset() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private static long clientId(RecordedRequest r) {
    try {
      return MAPPER.readTree(r.getBody() == null ? "{}" : r.getBody().utf8()).path("clientId").asLong(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return client ids that reached the venue in more than one order POST */
  long doubleSends() {
    return postsByClientId.values().stream().filter(n -> n.get() > 1).count();
  }
}
