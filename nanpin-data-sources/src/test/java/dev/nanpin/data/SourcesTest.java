package dev.nanpin.data;

import static dev.nanpin.data.CoinGeckoSourceTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.MacroRegime;
import dev.nanpin.Observation;
import dev.nanpin.PricePoint;
import dev.nanpin.Sentiment;
import dev.nanpin.Side;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SourcesTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime(Instant.parse("2026-06-15T12:00:00Z"));

  @Test
  void coinMarketCapByIdMappedSymbolAndAmbiguousSymbol() throws Exception {
    String key = "cmc-synthetic-key-123456";
    CoinMarketCapSource s = new CoinMarketCapSource(time.config().apiKey(key).baseUrl(server.url("/").toString())
        .option("cmcIds", "BTC=1").build());
    server.enqueue(json(200, Fixtures.text("cmc-quotes-latest.json")));
    PricePoint p = s.fetch(new DataQuery.Price("BTC", "usd")).value();
    assertThat(p.price()).isEqualByComparingTo("6602.60701122");
    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/v2/cryptocurrency/quotes/latest");
    assertThat(req.getUrl().queryParameter("id")).isEqualTo("1");
    assertThat(req.getUrl().queryParameter("convert")).isEqualTo("USD");
    assertThat(req.getHeaders().get("X-CMC_PRO_API_KEY")).isEqualTo(key);
    assertThat(req.getUrl().queryParameter("CMC_PRO_API_KEY")).isNull();

    server.enqueue(json(200, Fixtures.text("cmc-quotes-latest-v2-by-symbol.json")));
    assertThatThrownBy(() -> s.fetch(new DataQuery.Price("ETC", "usd"))).isInstanceOf(DataException.class)
        .hasMessageContaining("ambiguous");
    assertThat(server.takeRequest().getUrl().queryParameter("symbol")).isEqualTo("ETC");

    server.enqueue(json(401, Fixtures.text("cmc-401.json")));
    assertThatThrownBy(() -> s.fetch(new Queries.Global())).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void fredSendsKeyAsQueryAndNeverLogsOrThrowsIt() throws Exception {
    String key = "abcdef0123456789abcdef0123456789"; // synthetic, FRED's 32-character shape
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String thrown;
    try {
      FredSource s = new FredSource(time.config().apiKey(key).baseUrl(server.url("/fred").toString())
          .retry(new dev.nanpin.http.RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1))).build());
      server.enqueue(json(200, Fixtures.text("fred-series-observations-missing-values.json")));
      List<Observation> obs = s.fetch(new DataQuery.Series("DGS10", LocalDate.of(2024, 1, 11), LocalDate.of(2024, 1, 17))).value();
      assertThat(obs).hasSize(5);
      assertThat(obs.get(2).isMissing()).isTrue();
      RecordedRequest req = server.takeRequest();
      assertThat(req.getUrl().encodedPath()).isEqualTo("/fred/series/observations");
      assertThat(req.getUrl().queryParameter("api_key")).isEqualTo(key);
      assertThat(req.getUrl().queryParameter("file_type")).isEqualTo("json");
      assertThat(req.getUrl().queryParameter("series_id")).isEqualTo("DGS10");
      assertThat(req.getUrl().queryParameter("observation_start")).isEqualTo("2024-01-11");

      // failures of every kind: key refused (retried once since the key worked), 5xx with retries,
      // a transport failure, a 429; then a stale answer after the TTL
      server.enqueue(json(400, Fixtures.text("fred-400-api-key.json")));
      server.enqueue(json(400, Fixtures.text("fred-400-api-key.json")));
      assertThatThrownBy(() -> s.fetch(new DataQuery.Series("UNRATE", null, null))).isInstanceOf(AuthenticationException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key));
      server.enqueue(new MockResponse.Builder().onRequestStart(SocketEffect.ShutdownConnection.INSTANCE).build());
      server.enqueue(json(500, "{\"error_code\":500,\"error_message\":\"Internal Server Error.\"}"));
      assertThatThrownBy(() -> s.fetch(new DataQuery.Series("CPIAUCSL", null, null)))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key));
      time.advance(Duration.ofHours(2));
      server.enqueue(json(429, "{\"error_code\":429,\"error_message\":\"Too Many Requests.\"}"));
      var stale = s.fetch(new DataQuery.Series("DGS10", LocalDate.of(2024, 1, 11), LocalDate.of(2024, 1, 17)));
      assertThat(stale.stale()).isTrue();
      assertThat(stale.failure()).doesNotContain(key).contains("RateLimited");
      thrown = stale.failure();
    } finally {
      System.setErr(originalErr);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("fred"); // the logs were captured: request lines and the stale warning
    assertThat(logs).contains("stale");
    assertThat(logs).doesNotContain(key);
    assertThat(thrown).doesNotContain(key);
  }

  @Test
  void fredPagesWithOffsetWhenCountExceedsLimit() throws Exception {
    FredSource s = new FredSource(time.config().apiKey("k".repeat(32)).baseUrl(server.url("/fred").toString()).build());
    String obs = "{\"date\":\"%s\",\"value\":\"%s\"}";
    server.enqueue(json(200, "{\"count\":3,\"offset\":0,\"limit\":2,\"observations\":[" + obs.formatted("2024-01-01", "1.5")
        + "," + obs.formatted("2024-02-01", ".") + "]}"));
    server.enqueue(json(200, "{\"count\":3,\"offset\":2,\"limit\":2,\"observations\":[" + obs.formatted("2024-03-01", "1.7") + "]}"));
    List<Observation> all = s.fetch(new Queries.FredObservations("FEDFUNDS", null, null, LocalDate.of(2024, 6, 1),
        LocalDate.of(2024, 6, 1))).value();
    assertThat(all).extracting(Observation::date).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1),
        LocalDate.of(2024, 3, 1));
    RecordedRequest first = server.takeRequest();
    assertThat(first.getUrl().queryParameter("offset")).isNull();
    assertThat(first.getUrl().queryParameter("realtime_start")).isEqualTo("2024-06-01");
    assertThat(first.getUrl().queryParameter("realtime_end")).isEqualTo("2024-06-01");
    assertThat(server.takeRequest().getUrl().queryParameter("offset")).isEqualTo("2");
  }

  @Test
  void polymarketRepeatedCursorStops() {
    PolymarketSource s = new PolymarketSource(time.config().baseUrl(server.url("/").toString()).build());
    String page = Fixtures.text("polymarket-gamma-markets-keyset.json");
    server.enqueue(json(200, page));
    server.enqueue(json(200, page));
    assertThatThrownBy(() -> s.fetch(new Queries.PredictionMarkets(Map.of(), 50))).isInstanceOf(DataException.class)
        .hasMessageContaining("cursor repeated");
  }

  @Test
  void fredMacroRegime() {
    FredSource s = new FredSource(time.config().apiKey("k".repeat(32)).baseUrl(server.url("/fred").toString()).build());
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(200, Fixtures.text("fred-series-observations-missing-values.json")));
    }
    assertThatThrownBy(() -> s.fetch(new FredSource.Macro(List.of("DGS10", "T10Y2Y", "VIXCLS"), MacroRegimeRule.DEFAULT,
        LocalDate.of(2023, 1, 1)))).isInstanceOf(DataException.class).hasMessageContaining("at least 4");
  }

  @Test
  void polymarketKeysetPaginationAndLegacyFallback() throws Exception {
    PolymarketSource s = new PolymarketSource(time.config().baseUrl(server.url("/").toString())
        .secondBaseUrl(server.url("/").toString()).build());
    String page1 = Fixtures.text("polymarket-gamma-markets-keyset.json");
    String page2 = page1.replace("\"next_cursor\": \"CONSTRUCTED-OPAQUE-CURSOR\"", "\"next_cursor\": \"\"")
        .replace("\"id\": \"559652\"", "\"id\": \"559653\"");
    server.enqueue(json(200, page1));
    server.enqueue(json(200, page2));
    List<PredictionMarket> all = s.fetch(new Queries.PredictionMarkets(Map.of("closed", "false"), 500)).value();
    assertThat(all).extracting(PredictionMarket::id).containsExactly("559652", "559653");
    RecordedRequest r1 = server.takeRequest();
    RecordedRequest r2 = server.takeRequest();
    assertThat(r1.getUrl().encodedPath()).isEqualTo("/markets/keyset");
    assertThat(r1.getUrl().queryParameter("after_cursor")).isNull();
    assertThat(r1.getUrl().queryParameter("closed")).isEqualTo("false");
    assertThat(r2.getUrl().queryParameter("after_cursor")).isEqualTo("CONSTRUCTED-OPAQUE-CURSOR");
    assertThat(r2.getUrl().queryParameter("offset")).isNull();

    // keyset gone: the legacy list with offset answers
    server.enqueue(json(404, "{\"error\":\"not found\"}"));
    server.enqueue(json(200, "[" + Fixtures.text("polymarket-gamma-market.json") + "]"));
    List<PredictionMarket> legacy = s.fetch(new Queries.PredictionMarkets(Map.of("slug", "x"), 5)).value();
    assertThat(legacy).hasSize(1);
    server.takeRequest();
    RecordedRequest r4 = server.takeRequest();
    assertThat(r4.getUrl().encodedPath()).isEqualTo("/markets");
    assertThat(r4.getUrl().queryParameter("offset")).isEqualTo("0");
  }

  @Test
  void polymarketClobAndSentiment() throws Exception {
    PolymarketSource s = new PolymarketSource(time.config().baseUrl(server.url("/").toString())
        .secondBaseUrl(server.url("/clob").toString())
        .option("markets", "will-gavin-newsom-win-the-2028-democratic-presidential-nomination-568:Yes:bear:1").build());
    server.enqueue(json(200, Fixtures.text("polymarket-clob-price.json")));
    assertThat(s.fetch(new Queries.OutcomePrice("123", Side.SELL)).value().value()).isEqualByComparingTo("0.232");
    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/clob/price");
    assertThat(req.getUrl().queryParameter("token_id")).isEqualTo("123");
    assertThat(req.getUrl().queryParameter("side")).isEqualTo("SELL");

    // the CLOB pairs outcomes with tokens itself (constructed body in the shape of CLOB /markets/{condition_id})
    server.enqueue(json(200, Fixtures.text("polymarket-clob-market-constructed.json")));
    List<OutcomeToken> tokens = s.fetch(new Queries.OutcomeTokens("0x0f49")).value();
    assertThat(tokens).extracting(OutcomeToken::outcome).containsExactly("No", "Yes");
    assertThat(tokens.get(1).tokenId()).startsWith("545330438");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/clob/markets/0x0f49");

    server.enqueue(json(200, Fixtures.text("polymarket-gamma-markets-keyset.json").replace("CONSTRUCTED-OPAQUE-CURSOR", "")));
    Sentiment sent = s.fetch(new DataQuery.SentimentHistory(PolymarketSource.SENTIMENT_INDEX, 1)).value().get(0);
    assertThat(sent.value()).isCloseTo(100 - 23.25, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(server.takeRequest().getUrl().queryParameter("slug"))
        .isEqualTo("will-gavin-newsom-win-the-2028-democratic-presidential-nomination-568");
  }

  @Test
  void coinGlassHeaderPlanErrorsAndClusters() throws Exception {
    String key = "cg-synthetic-key-98765";
    CoinGlassSource s = new CoinGlassSource(time.config().apiKey(key).baseUrl(server.url("/").toString()).build());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .addHeader("API-KEY-MAX-LIMIT", "30").addHeader("API-KEY-USE-LIMIT", "3")
        .body(Fixtures.text("coinglass-heatmap-consistent.json")).build());
    LiquidationClusters c = s.fetch(new DataQuery.Liquidations("btc")).value();
    assertThat(c.symbol()).isEqualTo("BTC");
    assertThat(c.referencePrice()).isEqualTo(61590.5);
    assertThat(c.clusters()).isNotEmpty();
    assertThat(s.planLimit()).hasValue(30);
    assertThat(s.planUsed()).hasValue(3);
    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/api/futures/liquidation/aggregated-heatmap/model1");
    assertThat(req.getUrl().queryParameter("symbol")).isEqualTo("BTC");
    assertThat(req.getUrl().queryParameter("range")).isEqualTo("3d");
    assertThat(req.getHeaders().get("CG-API-KEY")).isEqualTo(key);

    server.enqueue(json(200, Fixtures.text("coinglass-upgrade-plan.json")));
    assertThatThrownBy(() -> s.fetch(new Queries.OpenInterestHistory("BTC", "1d", 10)))
        .isInstanceOf(PlanRestrictedException.class);
    server.enqueue(json(200, Fixtures.text("coinglass-liquidation-aggregated-history.json")));
    assertThat(s.fetch(new Queries.LiquidationHistory("BTC", "Binance,OKX", "1d", 2)).value()).hasSize(2);
    RecordedRequest h = server.takeRequest(); // the upgrade-plan request
    h = server.takeRequest();
    assertThat(h.getUrl().queryParameter("exchange_list")).isEqualTo("Binance,OKX");
    assertThat(h.getUrl().queryParameter("interval")).isEqualTo("1d");
  }

  @Test
  void fearGreedKeylessWithHtmlOutage() throws Exception {
    FearGreedSource s = new FearGreedSource(time.config().baseUrl(server.url("/").toString())
        .retry(dev.nanpin.http.RetryPolicy.NONE).build());
    server.enqueue(json(200, Fixtures.text("feargreed.json")));
    List<Sentiment> r = s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 2)).value();
    assertThat(r).extracting(Sentiment::value).containsExactly(33.0, 47.0);
    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/fng/");
    assertThat(req.getUrl().queryParameter("limit")).isEqualTo("2");
    server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "text/html")
        .body("<html><title>Attention Required! | Cloudflare</title></html>").build());
    assertThatThrownBy(() -> s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 1)))
        .isInstanceOf(dev.nanpin.VenueUnavailableException.class).hasMessageContaining("HTML");
  }

  @Test
  void macroRuleFromSyntheticSeries() {
    Map<String, List<Observation>> series = Map.of(
        "FEDFUNDS", monthly(5.33, 4.83), // cut 0.5 over 6 months: +1
        "CPIAUCSL", yoy(300, 306), // 2.0 % a year: +1
        "UNRATE", monthly(4.0, 4.6), // rise of 0.6 from the low: -1
        "DGS10", monthly(4.5, 4.4), // -0.1: 0
        "T10Y2Y", monthly(0.2, 0.6)); // 0.6: +1
    MacroRegime r = MacroRegimeRule.DEFAULT.evaluate(series);
    assertThat(r.score()).isEqualTo(0.4);
    assertThat(r.regime()).isEqualTo("risk-on");
    assertThat(r.sizeMultiplier()).isEqualTo(1.2);
    assertThat(r.asOf()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
  }

  private static List<Observation> monthly(double from, double to) {
    List<Observation> out = new java.util.ArrayList<>();
    for (int i = 0; i <= 12; i++) {
      double v = i < 7 ? from : to; // the change lands 6 months before the latest point
      out.add(new Observation(LocalDate.of(2025, 6, 1).plusMonths(i), java.math.BigDecimal.valueOf(v)));
    }
    return out;
  }

  private static List<Observation> yoy(double from, double to) {
    return List.of(new Observation(LocalDate.of(2025, 6, 1), java.math.BigDecimal.valueOf(from)),
        new Observation(LocalDate.of(2026, 5, 1), null), new Observation(LocalDate.of(2026, 6, 1), java.math.BigDecimal.valueOf(to)));
  }
}
