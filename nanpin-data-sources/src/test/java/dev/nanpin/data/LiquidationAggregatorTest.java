package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.DataException;
import dev.nanpin.Liquidation;
import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.Side;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-worked bands, decay, sources, lower-bound labels, replay and the recorded file. */
class LiquidationAggregatorTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private static final LiquidationAggregator.Settings HUNDRED =
      new LiquidationAggregator.Settings(100, Duration.ofHours(1), Duration.ofHours(8), 0.10, 10, 1000);

  static Liquidation liq(String source, String symbol, Side side, String price, String qty, Instant t) {
    return new Liquidation(source, symbol, side, new BigDecimal(price), new BigDecimal(qty), t);
  }

  private static LiquidationAggregator handWorked() {
    LiquidationAggregator a = new LiquidationAggregator("BTC", HUNDRED);
    assertThat(a.add(liq("binance", "BTCUSDT", Side.SELL, "950", "2", T0))).isTrue(); // long, 1900
    assertThat(a.add(liq("backpack", "BTC_USDC_PERP", Side.SELL, "960", "1", T0))).isTrue(); // long, 960
    assertThat(a.add(liq("binance", "BTCUSDT", Side.BUY, "1050", "1", T0.minus(Duration.ofHours(1))))).isTrue(); // short, 1050 halved
    assertThat(a.add(liq("binance", "ETHUSDT", Side.SELL, "950", "100", T0))).isFalse(); // another asset
    a.add(liq("binance", "BTCUSDT", Side.SELL, "970", "5", T0.plusSeconds(60))); // after the picture: left out
    // a heatmap two half-lives old: 1000 at mid 885 counts 250
    a.heatmap("coinglass", new LiquidationClusters("BTC", 1000, List.of(new LiquidationCluster(880, 890, 1000, Side.BUY)),
        T0.minus(Duration.ofHours(2))));
    return a;
  }

  @Test
  void bandsSumNotionalBySideDecayedWithSourcesAndAge() {
    LiquidationBands b = handWorked().bands(T0, 1000);
    assertThat(b.bands()).hasSize(3);
    LiquidationBands.Band b8 = b.bands().get(0);
    assertThat(b8.priceLow()).isEqualTo(800);
    assertThat(b8.priceHigh()).isEqualTo(900);
    assertThat(b8.longNotional()).isCloseTo(250, within(1e-9));
    assertThat(b8.sources()).isEqualTo(Map.of("coinglass", 1));
    assertThat(b8.age(T0)).isEqualTo(Duration.ofHours(2));
    LiquidationBands.Band b9 = b.bands().get(1);
    assertThat(b9.priceLow()).isEqualTo(900);
    assertThat(b9.longNotional()).isCloseTo(1900 + 960, within(1e-9));
    assertThat(b9.shortNotional()).isZero();
    assertThat(b9.sources()).isEqualTo(Map.of("binance", 1, "backpack", 1));
    assertThat(b9.age(T0)).isEqualTo(Duration.ZERO);
    LiquidationBands.Band b10 = b.bands().get(2);
    assertThat(b10.shortNotional()).isCloseTo(525, within(1e-9));
    assertThat(b10.longNotional()).isZero();
    assertThat(b.lowerBound()).isTrue();
    assertThat(b.estimatedSources()).containsExactly("coinglass");
    assertThat(b.caveat()).contains("LOWER BOUND").contains("coinglass figures are model estimates");
  }

  @Test
  void theSignalIsLargestFirstWithinTheDistance() {
    LiquidationClusters c = handWorked().clusters(T0, 1000);
    assertThat(c.symbol()).isEqualTo("BTC");
    assertThat(c.asOf()).isEqualTo(T0);
    // band 8's middle (850) is 15% away: beyond maxDistance 10%
    assertThat(c.clusters()).containsExactly(new LiquidationCluster(900, 1000, 2860, Side.BUY),
        new LiquidationCluster(1000, 1100, 525, Side.SELL));
  }

  @Test
  void decayHalvesPerHalfLifeAndTheHorizonDropsOldEvents() {
    LiquidationAggregator a = new LiquidationAggregator("BTC", HUNDRED);
    a.add(liq("binance", "BTCUSDT", Side.SELL, "950", "2", T0));
    assertThat(a.bands(T0.plus(Duration.ofHours(3)), 1000).bands().get(0).longNotional()).isCloseTo(1900 / 8.0,
        within(1e-9));
    assertThat(a.bands(T0.plus(Duration.ofMinutes(30)), 1000).bands().get(0).longNotional())
        .isCloseTo(1900 / Math.sqrt(2), within(1e-9));
    assertThat(a.bands(T0.plus(Duration.ofHours(9)), 1000).bands()).isEmpty();
  }

  @Test
  void aHeatmapAloneIsAnEstimateNotALowerBound() {
    LiquidationAggregator a = new LiquidationAggregator("BTC", HUNDRED);
    a.heatmap("coinglass", new LiquidationClusters("BTC", 1000, List.of(new LiquidationCluster(980, 990, 10, Side.BUY)), T0));
    a.heatmap("coinglass", new LiquidationClusters("BTC", 1000, List.of(new LiquidationCluster(980, 990, 40, Side.BUY)), T0));
    LiquidationBands b = a.bands(T0, 1000);
    assertThat(b.lowerBound()).isFalse();
    assertThat(b.bands()).singleElement().satisfies(x -> assertThat(x.longNotional()).isEqualTo(40)); // replaced
    assertThat(b.caveat()).doesNotContain("LOWER BOUND");
  }

  @Test
  void assetsBandSizesAndSettings() {
    assertThat(LiquidationAggregator.asset("BTCUSDT")).isEqualTo("BTC");
    assertThat(LiquidationAggregator.asset("BTC_USDC_PERP")).isEqualTo("BTC");
    assertThat(LiquidationAggregator.asset("btc")).isEqualTo("BTC");
    assertThat(LiquidationAggregator.asset("1000PEPEUSDT")).isEqualTo("1000PEPE");
    assertThat(LiquidationAggregator.bandSizeFor(90_000)).isEqualTo(500);
    assertThat(LiquidationAggregator.bandSizeFor(100)).isEqualTo(0.5);
    assertThatThrownBy(() -> new LiquidationAggregator.Settings(0, Duration.ofHours(1), Duration.ofHours(8), 0.1, 10, 10))
        .hasMessageContaining("bandSize");
  }

  @Test
  void replayDatesEachPictureAtTheEndOfItsStepAndUsesOnlyEarlierEvents() {
    List<Liquidation> rec = List.of(
        liq("binance", "BTCUSDT", Side.SELL, "950", "2", T0.plusSeconds(600)),
        liq("binance", "BTCUSDT", Side.SELL, "955", "2", T0.plus(Duration.ofMinutes(90))));
    List<LiquidationClusters> feed = LiquidationAggregator.replay("BTC", HUNDRED, rec, Duration.ofHours(1));
    assertThat(feed.get(0).asOf()).isEqualTo(T0.plus(Duration.ofHours(1)));
    // at 13:00 only the first event (50 minutes old) counts
    assertThat(feed.get(0).clusters()).singleElement()
        .satisfies(c -> assertThat(c.notional()).isCloseTo(1900 * Math.pow(2, -50 / 60.0), within(1e-6)));
    assertThat(feed.get(1).asOf()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(feed.get(1).clusters().get(0).notional())
        .isCloseTo(1900 * Math.pow(2, -110 / 60.0) + 1910 * Math.pow(2, -30 / 60.0), within(1e-6));
    // pictures continue while the events decay, and stop past the horizon
    assertThat(feed.get(feed.size() - 1).asOf()).isBefore(T0.plus(Duration.ofMinutes(90)).plus(Duration.ofHours(9)));
    for (int i = 1; i < feed.size(); i++) {
      assertThat(feed.get(i).asOf()).isAfter(feed.get(i - 1).asOf());
    }
  }

  @Test
  void theRecordedFileRoundTripsAndBadLinesAreNamed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("liq.csv");
    Liquidation a = liq("binance", "BTCUSDT", Side.SELL, "9910", "0.014", Instant.ofEpochMilli(1568014460893L));
    Liquidation b = liq("backpack", "BTC_USDC_PERP", Side.BUY, "18.70", "10", Instant.ofEpochMilli(1747291031910L));
    LiquidationCsv.append(f, List.of(a));
    LiquidationCsv.append(f, List.of(b));
    assertThat(Files.readAllLines(f)).containsExactly(LiquidationCsv.HEADER,
        "2019-09-09T07:34:20.893Z,BTCUSDT,SELL,9910,0.014,binance",
        "2025-05-15T06:37:11.910Z,BTC_USDC_PERP,BUY,18.70,10,backpack");
    assertThat(LiquidationCsv.read(f)).containsExactly(a, b);

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, LiquidationCsv.HEADER + "\n1568014460893,BTCUSDT,SELL,0,1,binance\n");
    assertThatThrownBy(() -> LiquidationCsv.read(bad)).isInstanceOf(DataException.class)
        .hasMessageContaining("line 2").hasMessageContaining("price")
        .satisfies(e -> assertThat(((DataException) e).field()).isEqualTo("line 2 price"));
    Files.writeString(bad, LiquidationCsv.HEADER + "\nyesterday,BTCUSDT,SELL,1,1,binance\n");
    assertThatThrownBy(() -> LiquidationCsv.read(bad)).isInstanceOf(DataException.class)
        .satisfies(e -> assertThat(((DataException) e).field()).isEqualTo("line 2 timestamp"));
  }
}
