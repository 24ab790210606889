package dev.nanpin.data.internal;

import static dev.nanpin.data.Fixtures.NOW;
import static dev.nanpin.data.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.ExchangeException;
import dev.nanpin.Observation;
import dev.nanpin.OrderBook;
import dev.nanpin.PricePoint;
import dev.nanpin.RateLimitedException;
import dev.nanpin.Sentiment;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.data.LiquidationBar;
import dev.nanpin.data.LiquidationHeatmap;
import dev.nanpin.data.MarketGlobal;
import dev.nanpin.data.OhlcPoint;
import dev.nanpin.data.PlanRestrictedException;
import dev.nanpin.data.PredictionMarket;
import dev.nanpin.data.Probability;
import dev.nanpin.data.QuotaExhaustedException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OtherParsersTest {

  @Nested
  class CoinMarketCap {
    @Test
    void quoteById() {
      PricePoint p = CmcParser.quoteById(CmcParser.check(reply(200, "cmc-quotes-latest.json")), "1", "USD");
      assertThat(p.asset()).isEqualTo("1");
      assertThat(p.price()).isEqualByComparingTo("6602.60701122");
      assertThat(p.vsCurrency()).isEqualTo("usd");
      assertThat(p.time()).isEqualTo(Instant.parse("2018-08-09T21:56:28Z"));
    }

    @Test
    void ambiguousSymbolIsRefusedWithTheCandidates() {
      Json root = CmcParser.check(reply(200, "cmc-quotes-latest-v2-by-symbol.json"));
      assertThatThrownBy(() -> CmcParser.quoteBySymbol(root, "etc", "USD"))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("646 (Ethercoin, inactive)").hasMessageContaining("1321 (Ethereum Classic)")
          .hasMessageContaining("ambiguous");
    }

    @Test
    void singleSymbolMatchIsAccepted() {
      String body = "{\"status\":{\"error_code\":0},\"data\":{\"BTC\":[{\"id\":1,\"name\":\"Bitcoin\",\"is_active\":1,"
          + "\"quote\":{\"USD\":{\"price\":65000.5,\"last_updated\":\"2026-06-15T11:59:00.000Z\"}}}]}}";
      PricePoint p = CmcParser.quoteBySymbol(CmcParser.check(Reply.json(200, body, NOW)), "BTC", "usd");
      assertThat(p.price()).isEqualByComparingTo("65000.5");
    }

    @Test
    void globalMetricsWithENotation() {
      MarketGlobal g = CmcParser.globalMetrics(CmcParser.check(reply(200, "cmc-global-metrics-quotes-latest.json")), "2781");
      assertThat(g.btcDominancePercent()).isEqualByComparingTo("60.551289841446");
      assertThat(g.totalMarketCapUsd()).isEqualByComparingTo("3885178841234.972");
      assertThat(g.asOf()).isEqualTo(Instant.parse("2025-07-26T13:19:59.999Z"));
    }

    @Test
    void fearGreedWithStringErrorCode() {
      Sentiment s = CmcParser.fearGreed(CmcParser.check(reply(200, "cmc-fear-and-greed-latest.json")));
      assertThat(s).isEqualTo(new Sentiment(CmcParser.FEAR_GREED_INDEX, 64, Instant.parse("2025-07-26T14:53:10.028Z")));
    }

    @Test
    void errors() {
      assertThatThrownBy(() -> CmcParser.check(reply(401, "cmc-401.json")))
          .isInstanceOf(AuthenticationException.class).hasMessageContaining("CMC_API_KEY")
          .extracting(e -> ((ExchangeException) e).venueCode()).isEqualTo("1002");
      assertThatThrownBy(() -> CmcParser.check(reply(429, "cmc-429.json"))).isInstanceOf(RateLimitedException.class)
          .isNotInstanceOf(QuotaExhaustedException.class);
      String daily = "{\"status\":{\"error_code\":1009,\"error_message\":\"daily limit\"}}";
      assertThatThrownBy(() -> CmcParser.check(Reply.json(429, daily, NOW))).isInstanceOf(QuotaExhaustedException.class);
      String plan = "{\"status\":{\"error_code\":1006,\"error_message\":\"plan\"}}";
      assertThatThrownBy(() -> CmcParser.check(Reply.json(403, plan, NOW))).isInstanceOf(PlanRestrictedException.class);
      // error_code checked on HTTP 200 too
      String odd = "{\"status\":{\"error_code\":500,\"error_message\":\"oops\"},\"data\":{}}";
      assertThatThrownBy(() -> CmcParser.check(Reply.json(200, odd, NOW))).isInstanceOf(DataException.class)
          .hasMessageContaining("500");
      assertThatThrownBy(() -> CmcParser.check(Reply.json(200, "{\"data\":{}}", NOW))).isInstanceOf(DataException.class)
          .extracting(e -> ((DataException) e).field()).isEqualTo("$.status");
    }

    @Test
    void idMap() {
      assertThat(CmcParser.idMap("btc=1, ETH=1027")).containsExactly(Map.entry("BTC", "1"), Map.entry("ETH", "1027"));
      assertThatThrownBy(() -> CmcParser.idMap("BTC=one")).isInstanceOf(dev.nanpin.ConfigException.class);
    }
  }

  @Nested
  class Fred {
    @Test
    void observations() {
      List<Observation> obs = FredParser.observations(FredParser.check(reply(200, "fred-series-observations.json")));
      assertThat(obs).hasSize(10);
      assertThat(obs.get(0)).isEqualTo(new Observation(LocalDate.of(1929, 1, 1), new BigDecimal("1120.076")));
      assertThat(FredParser.paging(FredParser.check(reply(200, "fred-series-observations.json")))).containsExactly(91, 0, 10);
    }

    @Test
    void dotIsMissingNeverZero() {
      List<Observation> obs = FredParser.observations(FredParser.check(reply(200, "fred-series-observations-missing-values.json")));
      assertThat(obs).hasSize(5);
      assertThat(obs.get(2).date()).isEqualTo(LocalDate.of(2024, 1, 15));
      assertThat(obs.get(2).isMissing()).isTrue();
      assertThat(obs.get(3).value()).isEqualByComparingTo("4.07");
    }

    @Test
    void emptyRangeIsAnEmptyList() {
      assertThat(FredParser.observations(FredParser.check(reply(200, "fred-series-observations-empty.json")))).isEmpty();
    }

    @Test
    void errors() {
      assertThatThrownBy(() -> FredParser.check(reply(400, "fred-400.json"))).isInstanceOf(DataException.class)
          .hasMessageContaining("series_id");
      assertThatThrownBy(() -> FredParser.check(reply(400, "fred-400-api-key.json")))
          .isInstanceOf(AuthenticationException.class).hasMessageContaining("FRED_API_KEY");
      assertThatThrownBy(() -> FredParser.check(Reply.json(400, "<error code=\"400\" message=\"Bad\"/>", NOW)))
          .isInstanceOf(DataException.class).hasMessageContaining("XML");
      String limited = "{\"error_code\":429,\"error_message\":\"Too Many Requests.\"}";
      assertThatThrownBy(() -> FredParser.check(Reply.json(429, limited, NOW))).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void seriesInfoWithHourOffset() {
      dev.nanpin.data.SeriesInfo i = FredParser.seriesInfo(FredParser.check(reply(200, "fred-series.json")), "GNPCA");
      assertThat(i.frequency()).isEqualTo("Annual");
      assertThat(i.units()).isEqualTo("Billions of Chained 2009 Dollars");
      assertThat(i.lastUpdated()).isEqualTo(Instant.parse("2013-07-31T14:26:16Z"));
      assertThatThrownBy(() -> FredParser.seriesInfo(FredParser.check(reply(200, "fred-series.json")), "DGS10"))
          .isInstanceOf(DataException.class).hasMessageContaining("asked DGS10");
    }

    @Test
    void datesOutOfOrder() {
      String body = "{\"observations\":[{\"date\":\"2024-01-02\",\"value\":\"1\"},{\"date\":\"2024-01-01\",\"value\":\"2\"}]}";
      assertThatThrownBy(() -> FredParser.observations(FredParser.check(Reply.json(200, body, NOW))))
          .isInstanceOf(DataException.class).hasMessageContaining("out of order");
    }
  }

  @Nested
  class Polymarket {
    @Test
    void gammaMarketDecodesEmbeddedArrays() {
      PredictionMarket m = PolymarketParser.market(PolymarketParser.check(reply(200, "polymarket-gamma-market.json")));
      assertThat(m.id()).isEqualTo("559652");
      assertThat(m.outcomes()).containsExactly("Yes", "No");
      assertThat(m.outcomePrices()).usingElementComparator(BigDecimal::compareTo)
          .containsExactly(new BigDecimal("0.2325"), new BigDecimal("0.7675"));
      assertThat(m.clobTokenIds()).hasSize(2).first().asString().startsWith("545330438199465925");
      assertThat(m.active()).isTrue();
      assertThat(m.closed()).isFalse();
      assertThat(m.priceOf("yes")).isEqualByComparingTo("0.2325");
    }

    @Test
    void keysetPageAndEvents() {
      PolymarketParser.Page page = PolymarketParser.keysetPage(PolymarketParser.check(reply(200, "polymarket-gamma-markets-keyset.json")));
      assertThat(page.markets()).hasSize(1);
      assertThat(page.nextCursor()).contains("CONSTRUCTED-OPAQUE-CURSOR");
      Json events = PolymarketParser.check(reply(200, "polymarket-gamma-events.json"));
      List<PredictionMarket> nested = PolymarketParser.legacyList(events.at(0).get("markets"));
      assertThat(nested).hasSize(2).allSatisfy(m -> assertThat(m.outcomes()).containsExactly("Yes", "No"));
    }

    @Test
    void clob() {
      Probability price = PolymarketParser.price(PolymarketParser.check(reply(200, "polymarket-clob-price.json")), "t", NOW);
      assertThat(price.value()).isEqualByComparingTo("0.232");
      Probability mid = PolymarketParser.midpoint(PolymarketParser.check(reply(200, "polymarket-clob-midpoint.json")), "t", NOW);
      assertThat(mid.value()).isEqualByComparingTo("0.2325");
      OrderBook book = PolymarketParser.book(PolymarketParser.check(reply(200, "polymarket-clob-book.json")), "t");
      assertThat(book.bids().get(0).price()).isEqualByComparingTo("0.50"); // sorted best first
      assertThat(book.asks().get(0).price()).isEqualByComparingTo("0.51");
      assertThat(book.time()).isEqualTo(Instant.ofEpochMilli(1703875200000L));
      List<Probability> h = PolymarketParser.history(PolymarketParser.check(reply(200, "polymarket-clob-prices-history.json")), "t");
      assertThat(h).hasSize(3);
      assertThat(h.get(0).time()).isEqualTo(Instant.ofEpochSecond(1749859200));
      assertThat(h.get(2).value()).isEqualByComparingTo("0.2325");
    }

    @Test
    void errors() {
      assertThatThrownBy(() -> PolymarketParser.history(PolymarketParser.check(reply(200, "polymarket-clob-prices-history-empty.json")), "t"))
          .isInstanceOf(DataException.class).hasMessageContaining("720");
      assertThatThrownBy(() -> PolymarketParser.check(reply(400, "polymarket-clob-400-invalid-side.json")))
          .isInstanceOf(DataException.class).hasMessageContaining("Invalid side");
      String gamma500 = "{\"type\":\"internal error\",\"error\":\"cannot get the information\"}";
      assertThatThrownBy(() -> PolymarketParser.check(Reply.json(500, gamma500, NOW))).isInstanceOf(VenueUnavailableException.class);
      assertThatThrownBy(() -> PolymarketParser.check(Reply.json(200, "{\"error\":\"Could not derive api key!\"}", NOW)))
          .isInstanceOf(DataException.class);
      String badEmbedded = "{\"id\":\"1\",\"slug\":\"s\",\"question\":\"q\",\"outcomes\":\"[\\\"Yes\\\"\",\"outcomePrices\":\"[]\"}";
      assertThatThrownBy(() -> PolymarketParser.market(PolymarketParser.check(Reply.json(200, badEmbedded, NOW))))
          .isInstanceOf(DataException.class).extracting(e -> ((DataException) e).field()).isEqualTo("$.outcomes");
    }
  }

  @Nested
  class CoinGlass {
    @Test
    void liquidationHistoriesBothShapes() {
      List<LiquidationBar> agg = CoinGlassParser.liquidations(CoinGlassParser.check(reply(200, "coinglass-liquidation-aggregated-history.json")));
      assertThat(agg).hasSize(2);
      assertThat(agg.get(0).time()).isEqualTo(Instant.ofEpochMilli(1658966400000L));
      assertThat(agg.get(0).longUsd()).isEqualByComparingTo("5916885.14234");
      assertThat(agg.get(0).shortUsd()).isEqualByComparingTo("12969583.87632");
      List<LiquidationBar> pair = CoinGlassParser.liquidations(CoinGlassParser.check(reply(200, "coinglass-liquidation-history.json")));
      assertThat(pair.get(0).longUsd()).isEqualByComparingTo("2369935.19562");
    }

    @Test
    void fundingAndOpenInterest() {
      List<OhlcPoint> f = CoinGlassParser.ohlc(CoinGlassParser.check(reply(200, "coinglass-funding-rate-history.json")));
      assertThat(f.get(0).low()).isEqualByComparingTo("-0.005063");
      assertThat(f.get(1).close()).isEqualByComparingTo("0.01");
      // the documentation example has bogus, descending times: rejected, not silently reordered
      assertThatThrownBy(() -> CoinGlassParser.ohlc(CoinGlassParser.check(reply(200, "coinglass-open-interest-aggregated-history.json"))))
          .isInstanceOf(DataException.class).hasMessageContaining("out of order");
    }

    @Test
    void heatmapFromTheDocsPointsOutsideItsAxis() {
      // the doc example is truncated: its cells index price levels 122..124 of a 3-level axis
      assertThatThrownBy(() -> CoinGlassParser.heatmap(CoinGlassParser.check(reply(200, "coinglass-liquidation-aggregated-heatmap-model1.json")), "BTC"))
          .isInstanceOf(DataException.class).hasMessageContaining("outside y_axis");
    }

    @Test
    void consistentHeatmap() {
      LiquidationHeatmap h = CoinGlassParser.heatmap(CoinGlassParser.check(reply(200, "coinglass-heatmap-consistent.json")), "BTC");
      assertThat(h.priceLevels()).hasSize(6);
      assertThat(h.lastPrice()).isEqualTo(61590.5);
      assertThat(h.asOf()).isEqualTo(Instant.ofEpochSecond(1722676800));
    }

    @Test
    void errorsInHttp200AndPlanHeaders() {
      assertThatThrownBy(() -> CoinGlassParser.check(reply(200, "coinglass-upgrade-plan.json")))
          .isInstanceOf(PlanRestrictedException.class).hasMessageContaining("Upgrade plan");
      assertThatThrownBy(() -> CoinGlassParser.check(Reply.json(200, "{\"code\":\"400\",\"msg\":\"API key missing.\"}", NOW)))
          .isInstanceOf(AuthenticationException.class).hasMessageContaining("CG-API-KEY");
      assertThatThrownBy(() -> CoinGlassParser.check(Reply.json(200, "{\"code\":\"429\",\"msg\":\"Too many\"}", NOW)))
          .isInstanceOf(RateLimitedException.class);
      assertThatThrownBy(() -> CoinGlassParser.check(Reply.json(200, "{\"msg\":\"success\",\"data\":[]}", NOW)))
          .isInstanceOf(DataException.class).extracting(e -> ((DataException) e).field()).isEqualTo("$.code");
      Reply r = new Reply(200, Map.of("API-KEY-MAX-LIMIT", List.of("80"), "API-KEY-USE-LIMIT", List.of("12")), "{}", NOW);
      assertThat(CoinGlassParser.planLimits(r)).containsExactly(OptionalLong.of(80), OptionalLong.of(12));
    }
  }

  @Nested
  class FearGreed {
    @Test
    void readingsNewestLast() {
      List<Sentiment> s = FearGreedParser.readings(FearGreedParser.check(reply(200, "feargreed.json")));
      assertThat(s).containsExactly(new Sentiment(Sentiment.FEAR_GREED, 33, Instant.ofEpochSecond(1777161600)),
          new Sentiment(Sentiment.FEAR_GREED, 47, Instant.ofEpochSecond(1777248000)));
      assertThat(FearGreedParser.readings(FearGreedParser.check(reply(200, "feargreed-latest.json"))))
          .singleElement().extracting(Sentiment::value).isEqualTo(54.0);
    }

    @Test
    void errors() {
      assertThatThrownBy(() -> FearGreedParser.check(Reply.json(200, "{\"data\":[],\"metadata\":{\"error\":\"boom\"}}", NOW)))
          .isInstanceOf(VenueUnavailableException.class).hasMessageContaining("boom");
      assertThatThrownBy(() -> FearGreedParser.readings(FearGreedParser.check(Reply.json(200,
          "{\"data\":[{\"value\":\"101\",\"timestamp\":\"1777248000\"}],\"metadata\":{\"error\":null}}", NOW))))
          .isInstanceOf(DataException.class).extracting(e -> ((DataException) e).field()).isEqualTo("$.data[0].value");
    }
  }
}
