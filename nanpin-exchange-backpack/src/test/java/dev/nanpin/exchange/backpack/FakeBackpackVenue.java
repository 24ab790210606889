package dev.nanpin.exchange.backpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A MockWebServer dispatcher that behaves like Backpack: public endpoints answer the reference's
 * bodies, private ones check the Ed25519 signature of every request against an independent
 * endpoint-to-instruction table, and orders live in memory (duplicates by clientId refused with
 * the venue's message). Test switches: stall the next order's answer, answer cancels with 202,
 * expire the next signed request.
 */
final class FakeBackpackVenue extends Dispatcher {
  static final long VENUE_TIME = Instant.parse("2025-09-01T00:00:00Z").toEpochMilli();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter KLINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Map<String, String> INSTRUCTIONS = Map.ofEntries(
      Map.entry("GET /api/v1/account", "accountQuery"),
      Map.entry("PATCH /api/v1/account", "accountUpdate"),
      Map.entry("GET /api/v1/account/limits/order", "maxOrderQuantity"),
      Map.entry("GET /api/v1/capital", "balanceQuery"),
      Map.entry("GET /api/v1/capital/collateral", "collateralQuery"),
      Map.entry("GET /api/v1/position", "positionQuery"),
      Map.entry("POST /api/v1/order", "orderExecute"),
      Map.entry("POST /api/v1/orders", "orderExecute"),
      Map.entry("GET /api/v1/order", "orderQuery"),
      Map.entry("GET /api/v1/orders", "orderQueryAll"),
      Map.entry("DELETE /api/v1/order", "orderCancel"),
      Map.entry("DELETE /api/v1/orders", "orderCancelAll"),
      Map.entry("GET /wapi/v1/history/orders", "orderHistoryQueryAll"),
      Map.entry("GET /wapi/v1/history/fills", "fillHistoryQueryAll"),
      Map.entry("GET /wapi/v1/history/funding", "fundingHistoryQueryAll"));
  private static final Map<String, BigDecimal> PRICES = Map.of(
      "SOL_USDC_PERP", new BigDecimal("150.00"), "BTC_USDC_PERP", new BigDecimal("118000.0"),
      "ETH_USDC", new BigDecimal("3317.14"));

  final List<String> signatureFailures = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger orderPosts = new AtomicInteger();
  volatile long stallNextOrderMillis;
  volatile boolean cancelAnswers202;
  volatile boolean expireNextSigned;

  private final String apiKey;
  private final Map<String, ObjectNode> orders = Collections.synchronizedMap(new LinkedHashMap<>());
  private final AtomicLong ids = new AtomicLong(4_228_978_330L);

  FakeBackpackVenue(String apiKey) {
    this.apiKey = apiKey;
  }

  static String fixture(String name) {
    try (InputStream in = FakeBackpackVenue.class.getResourceAsStream("/backpack/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int orderCount() {
    return orders.size();
  }

  @Override
  public MockResponse dispatch(RecordedRequest r) {
    HttpUrl url = r.getUrl();
    String key = r.getMethod() + " " + url.encodedPath();
    requests.add(key);
    String instruction = INSTRUCTIONS.get(key);
    if (instruction != null) {
      MockResponse denied = checkSignature(r, instruction);
      if (denied != null) {
        return denied;
      }
    }
    try {
      return route(r, key, url);
    } catch (RuntimeException e) {
      return text(500, "fake venue failure: " + e);
    }
  }

  private MockResponse route(RecordedRequest r, String key, HttpUrl url) {
    String symbol = url.queryParameter("symbol");
    switch (key) {
      case "GET /api/v1/time":
        return text(200, Long.toString(VENUE_TIME));
      case "GET /api/v1/status":
        return json(200, "{\"status\":\"Ok\",\"message\":null}");
      case "GET /api/v1/markets":
        return json(200, fixture("markets.json"));
      case "GET /api/v1/ticker":
        if (!PRICES.containsKey(symbol)) {
          return json(400, "{\"code\":\"INVALID_SYMBOL\",\"message\":\"Invalid symbol\"}");
        }
        return json(200, "{\"symbol\":\"" + symbol + "\",\"lastPrice\":\"" + PRICES.get(symbol).toPlainString()
            + "\",\"firstPrice\":\"1\",\"high\":\"1\",\"low\":\"1\",\"volume\":\"1\",\"trades\":\"3\"}");
      case "GET /api/v1/depth":
        return json(200, depth(symbol));
      case "GET /api/v1/klines":
        return json(200, klines(url));
      case "GET /api/v1/markPrices":
        return json(200, fixture("markPrices.json"));
      case "GET /api/v1/fundingRates":
        return json(200, fixture("fundingRates.json"));
      case "GET /api/v1/openInterest":
        return json(200, fixture("openInterest.json"));
      case "GET /api/v1/account":
        return json(200, fixture("account.json"));
      case "PATCH /api/v1/account":
        return new MockResponse.Builder().code(200).build();
      case "GET /api/v1/account/limits/order":
        return json(200, "{\"maxOrderQuantity\":\"12.34\",\"symbol\":\"" + symbol + "\",\"side\":\"Bid\"}");
      case "GET /api/v1/capital":
        return json(200, fixture("capital.json"));
      case "GET /api/v1/capital/collateral":
        return json(200, fixture("collateral.json"));
      case "GET /api/v1/position":
        return json(200, fixture("positions.json"));
      case "GET /wapi/v1/history/fills":
        return json(200, fixture("fills.json"));
      case "GET /wapi/v1/history/funding":
        return json(200, fixture("fundingPayments.json"));
      case "POST /api/v1/order":
        return placeOrder(body(r));
      case "POST /api/v1/orders": {
        ArrayNode out = MAPPER.createArrayNode();
        for (JsonNode o : body(r)) {
          MockResponse one = placeOrder(o);
          ObjectNode item = (ObjectNode) read(one.getBody() == null ? "{}" : bodyText(one));
          item.put("operation", item.has("id") ? "Ok" : "Err");
          out.add(item);
        }
        return json(200, out.toString());
      }
      case "GET /api/v1/order": {
        ObjectNode o = find(url.queryParameter("orderId"), url.queryParameter("clientId"));
        if (o == null || !isOpen(o)) {
          return json(404, "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Not Found\"}");
        }
        return json(200, o.toString());
      }
      case "GET /api/v1/orders": {
        ArrayNode out = MAPPER.createArrayNode();
        snapshot().stream().filter(FakeBackpackVenue::isOpen)
            .filter(o -> symbol == null || symbol.equals(o.get("symbol").asText())).forEach(out::add);
        return json(200, out.toString());
      }
      case "GET /wapi/v1/history/orders": {
        ArrayNode out = MAPPER.createArrayNode();
        List<ObjectNode> all = snapshot();
        all.sort(Comparator.comparingLong((ObjectNode o) -> o.get("createdAt").asLong()).reversed());
        String orderId = url.queryParameter("orderId");
        int offset = Integer.parseInt(url.queryParameter("offset") == null ? "0" : url.queryParameter("offset"));
        int limit = Integer.parseInt(url.queryParameter("limit") == null ? "100" : url.queryParameter("limit"));
        all.stream().filter(o -> symbol == null || symbol.equals(o.get("symbol").asText()))
            .filter(o -> orderId == null || orderId.equals(o.get("id").asText()))
            .skip(offset).limit(limit).forEach(out::add);
        return json(200, out.toString());
      }
      case "DELETE /api/v1/order": {
        JsonNode b = body(r);
        ObjectNode o = find(b.path("orderId").asText(null), b.has("clientId") ? b.get("clientId").asText() : null);
        if (o == null || !isOpen(o)) {
          return json(404, "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Order not found\"}");
        }
        o.put("status", "Cancelled");
        if (cancelAnswers202) {
          return new MockResponse.Builder().code(202).build();
        }
        return json(200, o.toString());
      }
      case "DELETE /api/v1/orders": {
        String sym = body(r).path("symbol").asText();
        ArrayNode out = MAPPER.createArrayNode();
        for (ObjectNode o : snapshot()) {
          if (isOpen(o) && sym.equals(o.get("symbol").asText())) {
            o.put("status", "Cancelled");
            out.add(o);
          }
        }
        return json(200, out.toString());
      }
      default:
        return json(404, "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Not Found\"}");
    }
  }

  private MockResponse placeOrder(JsonNode b) {
    orderPosts.incrementAndGet();
    String symbol = b.path("symbol").asText();
    if (!PRICES.containsKey(symbol)) {
      return text(400, "Bad Request parse request payload error: failed to parse \"MarketSymbol\": Invalid market "
          + "symbol (occurred while parsing \"OrderExecutePayload\")");
    }
    long clientId = b.path("clientId").asLong(-1);
    synchronized (orders) {
      if (clientId >= 0 && find(null, Long.toString(clientId)) != null) {
        return json(400, "{\"code\":\"INVALID_ORDER\",\"message\":\"Order with client ID already exists: " + clientId + "\"}");
      }
      ObjectNode o = MAPPER.createObjectNode();
      o.put("id", Long.toString(ids.incrementAndGet()));
      if (clientId >= 0) {
        o.put("clientId", clientId);
      } else {
        o.putNull("clientId");
      }
      o.put("createdAt", VENUE_TIME + orders.size());
      o.put("symbol", symbol);
      o.put("side", b.path("side").asText());
      String type = b.path("orderType").asText();
      o.put("orderType", type);
      o.put("timeInForce", b.path("timeInForce").asText("GTC"));
      o.put("selfTradePrevention", "RejectTaker");
      o.set("reduceOnly", b.has("reduceOnly") ? b.get("reduceOnly") : MAPPER.nullNode());
      if (type.equals("Limit")) {
        o.put("price", b.path("price").asText());
        o.put("quantity", b.path("quantity").asText());
        o.put("postOnly", b.path("postOnly").asBoolean(false));
        o.put("executedQuantity", "0");
        o.put("executedQuoteQuantity", "0");
        o.put("status", "New");
      } else {
        BigDecimal price = PRICES.get(symbol);
        BigDecimal qty = b.has("quantity") ? new BigDecimal(b.get("quantity").asText())
            : new BigDecimal(b.get("quoteQuantity").asText()).divide(price, 4, java.math.RoundingMode.DOWN);
        o.put("quantity", qty.toPlainString());
        o.put("executedQuantity", qty.toPlainString());
        o.put("executedQuoteQuantity", qty.multiply(price).toPlainString());
        o.put("status", "Filled");
      }
      orders.put(o.get("id").asText(), o);
      long stall = stallNextOrderMillis;
      stallNextOrderMillis = 0;
      MockResponse.Builder resp = new MockResponse.Builder().code(200)
          .addHeader("Content-Type", "application/json; charset=utf-8").body(o.toString());
      if (stall > 0) {
        resp.headersDelay(stall, TimeUnit.MILLISECONDS);
      }
      return resp.build();
    }
  }

  private MockResponse checkSignature(RecordedRequest r, String instruction) {
    String key = r.getHeaders().get("X-API-Key");
    String sig = r.getHeaders().get("X-Signature");
    String ts = r.getHeaders().get("X-Timestamp");
    String window = r.getHeaders().get("X-Window");
    if (key == null || sig == null || ts == null || window == null) {
      signatureFailures.add("missing auth header on " + r.getMethod() + " " + r.getUrl().encodedPath());
      return json(401, "{\"code\":\"UNAUTHORIZED\",\"message\":\"Missing auth headers\"}");
    }
    if (expireNextSigned) {
      expireNextSigned = false;
      return text(401, "Request has expired");
    }
    Object params;
    if (r.getMethod().equals("GET")) {
      Map<String, Object> q = new LinkedHashMap<>();
      HttpUrl url = r.getUrl();
      for (String name : url.queryParameterNames()) {
        q.put(name, url.queryParameter(name));
      }
      params = q;
    } else {
      params = BackpackSignerTest.params(body(r));
    }
    BackpackSigner anySigner = BackpackSigner.fromSecret(BackpackSignerTest.SEED1);
    String text = anySigner.signingString(instruction, params, Long.parseLong(ts), Long.parseLong(window));
    if (!key.equals(apiKey) || !BackpackSigner.verify(key, text, sig)) {
      signatureFailures.add("bad signature on " + r.getMethod() + " " + r.getUrl().encodedPath() + ": " + text);
      return json(400, "{\"code\":\"INVALID_CLIENT_REQUEST\",\"message\":\"Invalid signature\"}");
    }
    return null;
  }

  private ObjectNode find(String orderId, String clientId) {
    synchronized (orders) {
      for (ObjectNode o : orders.values()) {
        if (orderId != null && orderId.equals(o.get("id").asText())) {
          return o;
        }
        if (clientId != null && o.hasNonNull("clientId") && clientId.equals(o.get("clientId").asText())) {
          return o;
        }
      }
      return null;
    }
  }

  private List<ObjectNode> snapshot() {
    synchronized (orders) {
      return new ArrayList<>(orders.values());
    }
  }

  private static boolean isOpen(ObjectNode o) {
    String s = o.get("status").asText();
    return s.equals("New") || s.equals("PartiallyFilled");
  }

  private static String depth(String symbol) {
    BigDecimal p = PRICES.getOrDefault(symbol, BigDecimal.TEN);
    ArrayNode bids = MAPPER.createArrayNode();
    ArrayNode asks = MAPPER.createArrayNode();
    for (int i = 1; i <= 8; i++) {
      bids.addArray().add(p.subtract(BigDecimal.valueOf(i)).toPlainString()).add("1.5");
      asks.addArray().add(p.add(BigDecimal.valueOf(i)).toPlainString()).add("2.5");
    }
    ObjectNode n = MAPPER.createObjectNode();
    n.set("asks", asks);
    n.set("bids", bids);
    n.put("lastUpdateId", "1504999670");
    n.put("timestamp", VENUE_TIME * 1000L);
    return n.toString();
  }

  /** Hourly candles with a deterministic wiggle, any range (seconds), up to 1000 per answer. */
  private static String klines(HttpUrl url) {
    long start = Long.parseLong(url.queryParameter("startTime"));
    long end = url.queryParameter("endTime") == null ? start + 3600L * 1000 : Long.parseLong(url.queryParameter("endTime"));
    long step = BackpackExchange.interval(url.queryParameter("interval")).getSeconds();
    ArrayNode out = MAPPER.createArrayNode();
    long first = (start + step - 1) / step * step;
    for (long t = first; t < end && out.size() < 1000; t += step) {
      double open = 100 + (t / step % 17);
      ObjectNode k = out.addObject();
      k.put("start", KLINE_TIME.format(LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC)));
      k.put("end", KLINE_TIME.format(LocalDateTime.ofEpochSecond(t + step, 0, ZoneOffset.UTC)));
      k.put("open", Double.toString(open));
      k.put("high", Double.toString(open + 2));
      k.put("low", Double.toString(open - 1));
      k.put("close", Double.toString(open + 1));
      k.put("volume", "3.5");
      k.put("quoteVolume", "350");
      k.put("trades", "7");
    }
    return out.toString();
  }

  private static JsonNode body(RecordedRequest r) {
    return read(r.getBody() == null ? "" : r.getBody().utf8());
  }

  private static JsonNode read(String s) {
    try {
      return s.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String bodyText(MockResponse r) {
    okio.Buffer buffer = new okio.Buffer();
    try {
      r.getBody().writeTo(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body).build();
  }

  static MockResponse text(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "text/plain").body(body).build();
  }
}
