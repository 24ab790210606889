package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.MacroRegime;
import dev.nanpin.PricePoint;
import dev.nanpin.Sentiment;
import dev.nanpin.Side;
import dev.nanpin.Ticker;
import dev.nanpin.VenueUnavailableException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class SignalsTest {
  static final Instant T = Instant.parse("2026-06-15T12:00:00Z");

  static PriceValidator.Outcome p(String price) {
    return PriceValidator.Outcome.of(new PricePoint("btc", "usd", new BigDecimal(price), T));
  }

  @Test
  void medianWithOneWildSource() {
    Map<String, PriceValidator.Outcome> in = new LinkedHashMap<>();
    in.put("coingecko", p("65000"));
    in.put("coinmarketcap", p("65100"));
    in.put("backpack", p("65050"));
    in.put("wild", p("70000"));
    ValidatedPrice v = PriceValidator.DEFAULT.validate(in);
    assertThat(v.consensus()).isTrue();
    assertThat(v.price()).isEqualByComparingTo("65050");
    assertThat(v.used()).containsExactlyInAnyOrder("coingecko", "coinmarketcap", "backpack");
    assertThat(v.rejected()).containsOnlyKeys("wild");
    assertThat(v.rejected().get("wild")).contains("from the median");
  }

  @Test
  void allSourcesDownIsATypedErrorWithEveryReason() {
    Map<String, PriceValidator.Outcome> in = Map.of("coingecko", PriceValidator.Outcome.failed("RateLimitedException: 429"),
        "coinmarketcap", PriceValidator.Outcome.failed("AuthenticationException: bad key"));
    assertThatThrownBy(() -> PriceValidator.DEFAULT.validate(in)).isInstanceOf(DataException.class)
        .hasMessageContaining("429").hasMessageContaining("bad key");
  }

  @Test
  void noAgreementFallsBackByPriority() {
    PriceValidator v = new PriceValidator(0.01, List.of("coinmarketcap", "coingecko"));
    Map<String, PriceValidator.Outcome> in = Map.of("coingecko", p("65000"), "coinmarketcap", p("68000"),
        "feargreed", PriceValidator.Outcome.failed("no price"));
    ValidatedPrice r = v.validate(in);
    assertThat(r.consensus()).isFalse();
    assertThat(r.price()).isEqualByComparingTo("68000");
    assertThat(r.used()).containsExactly("coinmarketcap");
    assertThat(r.rejected()).containsKeys("coingecko", "feargreed");
    ValidatedPrice single = v.validate(Map.of("coingecko", p("65000")));
    assertThat(single.consensus()).isFalse();
    assertThat(single.used()).containsExactly("coingecko");
  }

  @Test
  void clustersFromAConsistentHeatmap() {
    // price 61590.5; levels below are longs, above shorts
    LiquidationHeatmap h = new LiquidationHeatmap("BTC", new double[] {60000, 60500, 61000, 62000, 62500, 63000},
        new Instant[] {T.minusSeconds(300), T}, new double[] {61500, 61590.5},
        List.of(new LiquidationHeatmap.Cell(0, 0, 1e6), new LiquidationHeatmap.Cell(1, 0, 3e6),
            new LiquidationHeatmap.Cell(1, 1, 2.5e6), new LiquidationHeatmap.Cell(1, 3, 4e6),
            new LiquidationHeatmap.Cell(1, 5, 5e5), new LiquidationHeatmap.Cell(0, 4, 9e6)));
    LiquidationClusters all = h.clusters(0.03, 0.10, 10, false);
    assertThat(all.referencePrice()).isEqualTo(61590.5);
    assertThat(all.asOf()).isEqualTo(T);
    // 62000..63000 merge into one short band of 13.5M (2.84 % wide, under 3 %), 60000..60500 into one long band of 6.5M
    assertThat(all.clusters()).hasSize(2);
    LiquidationCluster top = all.clusters().get(0);
    assertThat(top.side()).isEqualTo(Side.SELL);
    assertThat(top.notional()).isEqualTo(13.5e6);
    assertThat(top.priceLow()).isEqualTo(61500.0);
    assertThat(top.priceHigh()).isEqualTo(63250.0);
    LiquidationCluster longs = all.clusters().get(1);
    assertThat(longs.side()).isEqualTo(Side.BUY);
    assertThat(longs.notional()).isEqualTo(6.5e6);
    assertThat(longs.priceHigh()).isLessThan(61590.5);
    // latest column only: the 9M of the first candle at 62500 is gone
    LiquidationClusters latest = h.clusters(0.03, 0.10, 10, true);
    assertThat(latest.clusters()).extracting(LiquidationCluster::notional).containsExactly(5.5e6, 4e6, 0.5e6);
    // at 2 % the short side splits where a band would grow past 2 % of the price
    assertThat(h.clusters(0.02, 0.10, 10, false).clusters()).extracting(LiquidationCluster::notional)
        .containsExactly(9.5e6, 6.5e6, 4e6);
    // narrow bands keep levels apart; top 1 keeps the largest
    assertThat(h.clusters(0.005, 0.10, 1, false).clusters()).singleElement()
        .extracting(LiquidationCluster::notional).isEqualTo(9e6);
    // a tight distance drops far bands
    assertThat(h.clusters(0.005, 0.001, 10, false).clusters()).isEmpty();
  }

  @Test
  void sentimentBlendIsWeightedAndAsOldAsItsOldestInput() {
    PredictionMarket recession = new PredictionMarket("1", "c", "us-recession-2026", "Recession?", List.of("Yes", "No"),
        List.of(new BigDecimal("0.30"), new BigDecimal("0.70")), List.of("a", "b"), true, false);
    Sentiment fromMarket = SentimentBlend.fromMarket(recession, SentimentBlend.WatchedMarket.parse("us-recession-2026:Yes:bear:2"), T);
    assertThat(fromMarket.value()).isCloseTo(70.0, offset(1e-9));
    assertThat(fromMarket.index()).isEqualTo("polymarket:us-recession-2026");
    Sentiment fg = new Sentiment(Sentiment.FEAR_GREED, 40, T.minus(Duration.ofHours(12)));
    Sentiment blend = SentimentBlend.blend(List.of(new SentimentBlend.Weighted(fg, 1), new SentimentBlend.Weighted(fromMarket, 2)));
    assertThat(blend.value()).isCloseTo(60.0, offset(1e-9));
    assertThat(blend.index()).isEqualTo(Sentiment.COMPOSITE);
    assertThat(blend.asOf()).isEqualTo(fg.asOf());
    assertThatThrownBy(() -> SentimentBlend.blend(List.of())).isInstanceOf(DataException.class);
    assertThatThrownBy(() -> SentimentBlend.WatchedMarket.parse("slug:Yes:sideways")).isInstanceOf(IllegalArgumentException.class);
  }

  /** A source answering from a function, for the collector. */
  record FnSource(String id, java.util.function.Function<DataQuery<?>, Object> fn) implements DataSource {
    @Override
    public boolean supports(Class<?> queryType) {
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> DataResult<T> fetch(DataQuery<T> query) {
      return DataResult.fresh((T) fn.apply(query), id, T);
    }

    @Override
    public void close() {}
  }

  @Test
  void collectorDoesNotWaitForASlowOrFailingSource() {
    CountDownLatch never = new CountDownLatch(1);
    DataSource slow = new FnSource("slow", q -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new VenueUnavailableException("slow", null, "interrupted", null);
    });
    DataSource a = new FnSource("a", q -> new PricePoint("btc", "usd", new BigDecimal("65000"), T));
    DataSource b = new FnSource("b", q -> new PricePoint("btc", "usd", new BigDecimal("65010"), T));
    DataSource broken = new FnSource("broken", q -> {
      throw new VenueUnavailableException("broken", "503", "down", null);
    });
    DataSource macro = new FnSource("fred", q -> new MacroRegime(0.5, "risk-on", 1.25, T));
    DataSource fg = new FnSource("feargreed", q -> List.of(new Sentiment(Sentiment.FEAR_GREED, 30, T)));
    DataSource liq = new FnSource("coinglass", q -> new LiquidationClusters("BTC", 65000, List.of(), T));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      DataCollector c = new DataCollector(pool, Duration.ofMillis(300), PriceValidator.DEFAULT, Clock.fixed(T, ZoneOffset.UTC));
      Map<DataSource, DataQuery.Price> prices = new LinkedHashMap<>();
      prices.put(a, new DataQuery.Price("bitcoin", "usd"));
      prices.put(b, new DataQuery.Price("1", "usd"));
      prices.put(slow, new DataQuery.Price("x", "usd"));
      prices.put(broken, new DataQuery.Price("x", "usd"));
      long start = System.nanoTime();
      MarketSnapshot s = c.collect(new DataCollector.Request(prices, "backpack",
          () -> new Ticker("BTC_USDC", new BigDecimal("65005"), null, null, T), macro, queryOfMacro(), List.of(new DataCollector.SentimentInput(fg,
              new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 1), 1), new DataCollector.SentimentInput(slow,
              new DataQuery.SentimentHistory("x", 1), 1)), liq, "BTC"));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(tookMs).isLessThan(3_000);
      assertThat(s.price()).get().satisfies(v -> {
        assertThat(v.consensus()).isTrue();
        assertThat(v.used()).containsExactlyInAnyOrder("a", "b", "backpack");
        assertThat(v.price()).isEqualByComparingTo("65005");
      });
      assertThat(s.failures()).containsKeys("price/slow", "price/broken", "sentiment/slow:x");
      assertThat(s.failures().get("price/slow")).contains("timed out");
      assertThat(s.failures().get("price/broken")).contains("down");
      assertThat(s.macro()).get().extracting(r -> r.value().regime()).isEqualTo("risk-on");
      assertThat(s.sentiment()).get().extracting(Sentiment::value).isEqualTo(30.0);
      assertThat(s.liquidations()).isPresent();
    } finally {
      never.countDown();
      pool.shutdownNow();
    }
  }

  private static DataQuery<MacroRegime> queryOfMacro() {
    return FredSource.Macro.defaults(java.time.LocalDate.of(2026, 6, 15), false);
  }
}
