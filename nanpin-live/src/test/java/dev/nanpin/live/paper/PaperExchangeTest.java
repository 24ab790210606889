package dev.nanpin.live.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.Bar;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.Order;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.Side;
import dev.nanpin.engine.Liquidation;
import dev.nanpin.risk.MaintenanceMargin;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperExchangeTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instrument BTC = PaperExchangeContractTest.BTC;
  static final Instrument PERP = new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP,
      new BigDecimal("0.1"), new BigDecimal("0.001"), new BigDecimal("0.001"));

  @TempDir Path dir;

  static List<Bar> bars(double... ohlc) {
    List<Bar> out = new ArrayList<>();
    for (int i = 0; i + 3 < ohlc.length; i += 4) {
      out.add(Bar.of(T0.plus(Duration.ofHours(i / 4)), ohlc[i], ohlc[i + 1], ohlc[i + 2], ohlc[i + 3], 1));
    }
    return out;
  }

  /** The fills the exchange's account listeners hear, as they hear them. */
  static List<Fill> fillsHeard(PaperExchange ex) {
    List<Fill> heard = new ArrayList<>();
    ex.streamAccount(new ExchangeListener() {
      @Override
      public void onFill(Fill fill) {
        heard.add(fill);
      }
    });
    return heard;
  }

  static PaperConfig spot() {
    return new PaperConfig(BTC, new BigDecimal("10000"), 0.001, 0.002, 0.001, 1);
  }

  @Test
  void aRestingBuyFillsWhenABarTradesThroughItAtItsLimitWithTheMakerFee() {
    PaperExchange ex = PaperExchange.replay(spot(), bars(100, 101, 99, 100, 100, 100, 94, 96), Duration.ofHours(1),
        1, null);
    List<Fill> seen = new ArrayList<>();
    ex.streamAccount(new ExchangeListener() {
      @Override
      public void onFill(Fill fill) {
        seen.add(fill);
      }
    });
    Order o = ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, new BigDecimal("10"), new BigDecimal("95"), 7));
    assertThat(o.status()).isEqualTo(OrderStatus.NEW);
    assertThat(ex.balances().get(0).locked()).isEqualByComparingTo("950.95"); // 950 + maker fee

    assertThat(ex.advance()).isTrue();

    assertThat(seen).singleElement().satisfies(f -> {
      assertThat(f.price()).isEqualByComparingTo("95");
      assertThat(f.fee()).isEqualByComparingTo("0.95");
      assertThat(f.maker()).isTrue();
      assertThat(f.clientId()).isEqualTo(7);
    });
    assertThat(ex.orderByClientId("BTC_USDC", 7)).get().extracting(Order::status).isEqualTo(OrderStatus.FILLED);
    assertThat(ex.account().equity()).isEqualByComparingTo("10009.05"); // 10000 - 950.95 + 10 * 96
    assertThat(ex.advance()).isFalse();
  }

  @Test
  void aBarThatOnlyTouchesTheLimitDoesNotFillIt() {
    PaperExchange ex = PaperExchange.replay(spot(), bars(100, 100, 100, 100, 100, 101, 95, 99), Duration.ofHours(1),
        1, null);
    ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("95"), 1));
    ex.advance();
    assertThat(ex.fills(null, Instant.EPOCH)).isEmpty(); // the simulator's rule: it must trade through
    assertThat(ex.openOrders(null)).hasSize(1);
  }

  @Test
  void aBarThatGapsBelowTheLimitFillsAtItsOpen() {
    PaperExchange ex = PaperExchange.replay(spot(), bars(100, 100, 100, 100, 90, 92, 88, 91), Duration.ofHours(1),
        1, null);
    ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("95"), 1));
    ex.advance();
    assertThat(ex.fills(null, Instant.EPOCH)).singleElement()
        .satisfies(f -> assertThat(f.price()).isEqualByComparingTo("90"));
  }

  @Test
  void aMarketOrderOnAReplayFillsAtTheNextOpenPlusSlippageWithTheTakerFee() {
    PaperExchange ex = PaperExchange.replay(spot(), bars(100, 100, 100, 100, 100, 100, 100, 100), Duration.ofHours(1),
        1, null);
    Order o = ex.placeOrder(OrderRequest.market("BTC_USDC", Side.BUY, new BigDecimal("2"), 1));
    assertThat(o.status()).isEqualTo(OrderStatus.NEW); // between two bars: the next price is the next open
    ex.advance();
    assertThat(ex.orderByClientId("BTC_USDC", 1)).get().extracting(Order::status).isEqualTo(OrderStatus.FILLED);
    Fill f = ex.fills("BTC_USDC", Instant.EPOCH).get(0);
    assertThat(f.price()).isEqualByComparingTo("100.1");
    assertThat(f.fee()).isEqualByComparingTo("0.4004");
    assertThat(f.maker()).isFalse();
  }

  @Test
  void aBuyBeyondTheCashIsRefused() {
    PaperExchange ex = PaperExchange.replay(spot(), bars(100, 100, 100, 100, 100, 100, 100, 100), Duration.ofHours(1),
        1, null);
    assertThatThrownBy(() -> ex.placeOrder(OrderRequest.market("BTC_USDC", Side.SELL, BigDecimal.ONE, 2)))
        .isInstanceOf(InsufficientFundsException.class);
    // a market buy of a replay fills at the next open, where the account is checked (as the
    // backtester checks it at its fill): one it cannot pay for ends rejected, with no fill
    ex.placeOrder(OrderRequest.market("BTC_USDC", Side.BUY, new BigDecimal("100"), 1));
    ex.advance();
    assertThat(ex.orderByClientId("BTC_USDC", 1)).get().extracting(Order::status).isEqualTo(OrderStatus.REJECTED);
    assertThat(ex.fills("BTC_USDC", Instant.EPOCH)).isEmpty();
    assertThat(ex.openOrders(null)).isEmpty();
  }

  @Test
  void nearerExtremeFirstFillsTheBuysBeforeTheSellsOnABarThatOpensNearItsLow() {
    PaperExchange ex = PaperExchange.replay(spot(), bars(100, 100, 100, 100, 99, 106, 97, 100), Duration.ofHours(1),
        1, null);
    ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("98"), 1));
    ex.advance();
    // the buy filled on the way down; a sell placed now fills on a later bar only
    assertThat(ex.fills(null, Instant.EPOCH)).extracting(Fill::side).containsExactly(Side.BUY);
  }

  @Test
  void aPerpetualTracksMarginAndRealisedProfit() {
    PaperConfig cfg = new PaperConfig(PERP, new BigDecimal("1000"), 0, 0, 0, 5).withFunding(0, Duration.ofHours(8));
    PaperExchange ex = PaperExchange.replay(cfg, bars(100, 100, 100, 100, 100, 100, 100, 100, 110, 110, 110, 110,
        110, 110, 110, 110), Duration.ofHours(1), 1, null);
    ex.placeOrder(OrderRequest.market("BTC_USDC_PERP", Side.BUY, new BigDecimal("40"), 1));
    ex.advance(); // fills at the next open, 100
    assertThat(ex.account().marginInUse()).isEqualByComparingTo("800");
    ex.advance();
    assertThat(ex.positions()).singleElement().satisfies(p -> {
      assertThat(p.quantity()).isEqualByComparingTo("40");
      assertThat(p.unrealizedPnl()).isEqualByComparingTo("400");
    });
    ex.placeOrder(OrderRequest.market("BTC_USDC_PERP", Side.SELL, new BigDecimal("40"), 2).asReduceOnly());
    ex.advance(); // fills at the next open, 110
    assertThat(ex.positions()).isEmpty();
    assertThat(ex.account().equity()).isEqualByComparingTo("1400");
  }

  @Test
  void aGapThroughThreeRestingLevelsFillsAllThreeAtTheOpenInPriceOrderBeforeAnyEvent() {
    PaperExchange ex = PaperExchange.replay(spot(), bars(100, 101, 99, 100, 80, 82, 79, 81), Duration.ofHours(1),
        1, null);
    List<Fill> heard = fillsHeard(ex);
    ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("85"), 3));
    ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("95"), 1));
    ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("90"), 2));
    ex.advance();
    assertThat(heard).extracting(f -> f.clientId() + "@" + f.price().toPlainString())
        .containsExactly("1@80", "2@80", "3@80");
    assertThat(ex.balances()).anySatisfy(b -> assertThat(b.total()).isEqualByComparingTo("3"));
  }

  @Test
  void aPerpetualPaysFundingAtEachIntervalThroughTheKernelsBook() {
    PaperConfig cfg = new PaperConfig(PERP, new BigDecimal("1000"), 0, 0, 0, 5).withFunding(0.001, Duration.ofHours(8));
    double[] flat = new double[4 * 11];
    java.util.Arrays.fill(flat, 100);
    PaperExchange ex = PaperExchange.replay(cfg, bars(flat), Duration.ofHours(1), 1, null);
    ex.placeOrder(OrderRequest.market("BTC_USDC_PERP", Side.BUY, new BigDecimal("10"), 1));
    while (ex.advance()) {
      // bars 01:00 .. 10:00: one funding event, at 08:00
    }
    assertThat(ex.fundingPaid()).isEqualByComparingTo("1"); // 10 * 100 * 0.001, the long pays
    assertThat(ex.account().equity()).isEqualByComparingTo("999");
  }

  @Test
  void aPerpetualIsLiquidatedAtTheKernelsLiquidationPrice() {
    PaperConfig cfg = new PaperConfig(PERP, new BigDecimal("100"), 0, 0, 0, 10).withFunding(0, Duration.ofHours(8));
    PaperExchange ex = PaperExchange.replay(cfg, bars(100, 100, 100, 100, 100, 100, 100, 100, 95, 96, 80, 85),
        Duration.ofHours(1), 1, null);
    List<Fill> seen = fillsHeard(ex);
    ex.placeOrder(OrderRequest.market("BTC_USDC_PERP", Side.BUY, new BigDecimal("9"), 1));
    ex.advance(); // the buy fills at the next open, 100
    // the default model is the backtester's (the kernel's sqrt function)
    MaintenanceMargin mmf = Liquidation.DEFAULT_MAINTENANCE_MARGIN;
    double liq = dev.nanpin.risk.RiskMath.liquidationPrice(9, 100, 100, mmf);
    assertThat(ex.positions()).singleElement().satisfies(p ->
        assertThat(p.liquidationPrice().doubleValue()).isCloseTo(liq, org.assertj.core.api.Assertions.within(1e-9)));
    ex.advance();
    assertThat(ex.liquidations()).isEqualTo(1);
    assertThat(ex.positions()).isEmpty();
    assertThat(seen).last().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo(-1);
      assertThat(f.side()).isEqualTo(Side.SELL);
      assertThat(f.price().doubleValue()).isCloseTo(liq, org.assertj.core.api.Assertions.within(1e-9));
      // the kernel's liquidation fee (125 bps by default) on top of the taker fee (0 here)
      assertThat(f.fee().doubleValue()).isCloseTo(0.0125 * 9 * liq, org.assertj.core.api.Assertions.within(1e-9));
    });
    // what is left is the maintenance margin at the liquidation price, less the liquidation fee
    assertThat(ex.account().equity().doubleValue())
        .isCloseTo((mmf.fraction(9 * liq) - 0.0125) * 9 * liq, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void underThePessimisticPathATakeProfitPlacedDuringABarWaitsForTheNextBar() {
    // bar 1: open 100, high 101, low 94, close 100: the buy at 95 fills; a take-profit at 99 placed
    // by its fill would fill on the way back up under nearer-extreme-first, not under pessimistic
    List<Bar> bars = bars(100, 101, 99, 100, 100, 101, 94, 100, 98, 99.5, 97, 99);
    for (boolean pessimistic : new boolean[] {false, true}) {
      PaperExchange ex = PaperExchange.replay(spot().withPessimisticPath(pessimistic), bars, Duration.ofHours(1), 1,
          null);
      List<Fill> seen = fillsHeard(ex);
      ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("95"), 1));
      Runnable takeProfit = () -> {
        if (seen.size() == 1 && ex.openOrders("BTC_USDC").isEmpty()) {
          ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.SELL, BigDecimal.ONE, new BigDecimal("99"), 2));
        }
      };
      ex.advance(takeProfit);
      assertThat(seen).as("pessimistic: %s", pessimistic).hasSize(pessimistic ? 1 : 2);
      ex.advance(takeProfit);
      assertThat(seen).hasSize(2);
      assertThat(seen.get(1).price()).isEqualByComparingTo("99");
      assertThat(seen.get(1).time()).isEqualTo(T0.plus(Duration.ofHours(pessimistic ? 2 : 1)));
    }
  }

  @Test
  void aRestingPerpOrderReservesItsInitialMarginAndFeeAsTheBacktesterDoes() {
    PaperConfig cfg = new PaperConfig(PERP, new BigDecimal("1000"), 0.001, 0.001, 0, 5)
        .withFunding(0, Duration.ofHours(8));
    PaperExchange ex = PaperExchange.replay(cfg, bars(100, 100, 100, 100, 100, 100, 99, 100), Duration.ofHours(1), 1,
        null);
    ex.placeOrder(OrderRequest.limit("BTC_USDC_PERP", Side.BUY, new BigDecimal("10"), new BigDecimal("95"), 1));
    // OrderSizing.requiredQuote: 950 / 5 + 950 * 0.001
    assertThat(ex.account().marginInUse()).isEqualByComparingTo("190.95");
    assertThat(ex.account().freeMargin()).isEqualByComparingTo("809.05");
    // a second order that the rest cannot carry is refused
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ex.placeOrder(OrderRequest.limit("BTC_USDC_PERP",
        Side.BUY, new BigDecimal("50"), new BigDecimal("90"), 2))).isInstanceOf(InsufficientFundsException.class);
    ex.cancelOrder("BTC_USDC_PERP", ex.openOrders("BTC_USDC_PERP").get(0).orderId());
    assertThat(ex.account().freeMargin()).isEqualByComparingTo("1000");
  }

  @Test
  void thePaperProviderTakesThePathLiquidationFeeFundingAndMaintenanceMargin() throws Exception {
    Path csv = dir.resolve("bars.csv");
    Files.writeString(csv, "timestamp,open,high,low,close,volume\n2025-01-01T00:00:00Z,100,101,99,100,1\n"
        + "2025-01-01T01:00:00Z,100,101,99,100,1\n");
    dev.nanpin.spi.Plugins plugins = dev.nanpin.spi.Plugins.load();
    PaperExchange dflt = (PaperExchange) plugins.exchange("paper", Map.of("csv", csv.toString(), "historyBars", 0));
    assertThat(dflt.config().liquidationFeeRate()).isEqualTo(0.0125);
    assertThat(dflt.config().pessimisticPath()).isFalse();
    PaperExchange set = (PaperExchange) plugins.exchange("paper", Map.of("csv", csv.toString(), "historyBars", 0,
        "path", "pessimistic", "liquidationFeeBps", 50, "fundingRate", 0.0001, "maintenanceMarginRate", 0.01));
    assertThat(set.config().pessimisticPath()).isTrue();
    assertThat(set.config().liquidationFeeRate()).isEqualTo(0.005);
    assertThat(set.config().fundingRate()).isEqualTo(0.0001);
    assertThat(set.config().maintenanceMargin().fraction(1_000)).isEqualTo(0.01);
    assertThat(dflt.config().maintenanceMargin()).isSameAs(Liquidation.DEFAULT_MAINTENANCE_MARGIN);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> plugins.exchange("paper", Map.of("csv", csv.toString(),
        "path", "optimistic"))).isInstanceOf(dev.nanpin.ConfigException.class).hasMessageContaining("path");
  }

  @Test
  void aPaperPerpetualWithoutAFundingSourceIsRefusedNamingTheSetting() throws Exception {
    List<Bar> bars = bars(100, 100, 100, 100, 100, 100, 100, 100);
    PaperConfig unstated = new PaperConfig(PERP, new BigDecimal("1000"), 0, 0, 0, 5);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PaperExchange.replay(unstated, bars, Duration.ofHours(1),
        1, null)).isInstanceOfSatisfying(dev.nanpin.ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("fundingRate");
          assertThat(e.getMessage()).contains("BTC_USDC_PERP", "fundingRate", "funding feed");
        });
    // a stated rate (zero included) or a venue's funding feed is a funding source; spot needs none
    assertThat(PaperExchange.replay(unstated.withFunding(0, Duration.ofHours(8)), bars, Duration.ofHours(1), 1, null))
        .isNotNull();
    assertThat(PaperExchange.replay(unstated.withFundingFeed(() -> 0.0001), bars, Duration.ofHours(1), 1, null))
        .isNotNull();
    assertThat(PaperExchange.replay(spot(), bars, Duration.ofHours(1), 1, null)).isNotNull();

    // the provider (bot YAML): a perp without fundingRate is refused, naming it
    Path csv = dir.resolve("perp.csv");
    Files.writeString(csv, "timestamp,open,high,low,close,volume\n2025-01-01T00:00:00Z,100,101,99,100,1\n"
        + "2025-01-01T01:00:00Z,100,101,99,100,1\n");
    dev.nanpin.spi.Plugins plugins = dev.nanpin.spi.Plugins.load();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> plugins.exchange("paper", Map.of("csv", csv.toString(),
        "kind", "PERP", "historyBars", 0))).isInstanceOfSatisfying(dev.nanpin.ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("fundingRate"));
    PaperExchange stated = (PaperExchange) plugins.exchange("paper", Map.of("csv", csv.toString(), "kind", "PERP",
        "historyBars", 0, "fundingRate", 0));
    assertThat(stated.config().fundingRate()).isEqualTo(0.0);
    assertThat(stated.config().maintenanceMargin()).isSameAs(Liquidation.DEFAULT_MAINTENANCE_MARGIN);
  }

  @Test
  void aVenueFundingFeedSetsTheRateOfEachInterval() {
    double[] rate = {0.002};
    PaperConfig cfg = new PaperConfig(PERP, new BigDecimal("1000"), 0, 0, 0, 5).withFundingFeed(() -> rate[0]);
    double[] flat = new double[4 * 11];
    java.util.Arrays.fill(flat, 100);
    PaperExchange ex = PaperExchange.replay(cfg, bars(flat), Duration.ofHours(1), 1, null);
    ex.placeOrder(OrderRequest.market("BTC_USDC_PERP", Side.BUY, new BigDecimal("10"), 1));
    while (ex.advance()) {
      // one funding event, at 08:00, at the feed's rate
    }
    assertThat(ex.fundingPaid()).isEqualByComparingTo("2"); // 10 * 100 * 0.002
  }

  @Test
  void withoutALiquidationFeeALiquidatedAccountKeepsItsMaintenanceMargin() {
    PaperConfig cfg = new PaperConfig(PERP, new BigDecimal("100"), 0, 0, 0, 10).withLiquidationFee(0)
        .withFunding(0, Duration.ofHours(8)).withMaintenanceMargin(0.005);
    PaperExchange ex = PaperExchange.replay(cfg, bars(100, 100, 100, 100, 100, 100, 100, 100, 95, 96, 80, 85),
        Duration.ofHours(1), 1, null);
    ex.placeOrder(OrderRequest.market("BTC_USDC_PERP", Side.BUY, new BigDecimal("9"), 1));
    ex.advance();
    double liq = dev.nanpin.risk.RiskMath.liquidationPrice(9, 100, 100, MaintenanceMargin.constant(0.005));
    ex.advance();
    assertThat(ex.liquidations()).isEqualTo(1);
    assertThat(ex.account().equity().doubleValue())
        .isCloseTo(0.005 * 9 * liq, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void theStateFileBringsBackOrdersFillsAndTheReplayPosition() throws Exception {
    Path state = dir.resolve("paper.state");
    List<Bar> bars = bars(100, 100, 100, 100, 100, 100, 94, 96, 96, 97, 95, 96);
    PaperExchange a = PaperExchange.replay(spot(), bars, Duration.ofHours(1), 1, state);
    a.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("95"), 1));
    a.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("90"), 2));
    a.advance();
    assertThat(Files.exists(state)).isTrue();
    // the file's format is stable across versions: one keyed line per figure, as tools read it
    assertThat(Files.readAllLines(state)).extracting(l -> l.split("\t")[0])
        .startsWith("paper", "cursor", "cash", "position", "funding", "ids").contains("O", "F");

    PaperExchange b = PaperExchange.replay(spot(), bars, Duration.ofHours(1), 1, state);
    assertThat(b.cursor()).isEqualTo(2);
    assertThat(b.clock().instant()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(b.fills(null, Instant.EPOCH)).isEqualTo(a.fills(null, Instant.EPOCH));
    assertThat(b.openOrders(null)).isEqualTo(a.openOrders(null));
    assertThat(b.balances()).isEqualTo(a.balances());
    Order third = b.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("80"), 3));
    assertThat(third.orderId()).isEqualTo("O3");
    assertThat(b.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("80"), 2))
        .limitPrice()).isEqualByComparingTo("90"); // a repeated client id answers the existing order
  }

  /**
   * A venue never forgets a fill it has told anyone about: when a listener hears a fill (a
   * market order filled at the open, limits crossed mid-bar), a paper exchange opened from the
   * state file at that moment, as after a SIGKILL, already holds it. Otherwise the engine could
   * book a fill that the restarted venue replays under the same fill id, which the engine then
   * skips as seen: the ledger falls behind the venue.
   */
  @Test
  void everyFillIsInTheStateFileBeforeAnyListenerHearsIt() {
    Path state = dir.resolve("paper.state");
    List<Bar> bars = bars(100, 100, 100, 100, 100, 101, 94, 96, 96, 97, 89, 90);
    PaperExchange ex = PaperExchange.replay(spot(), bars, Duration.ofHours(1), 1, state);
    List<Fill> heard = fillsHeard(ex);
    ex.placeOrder(OrderRequest.market("BTC_USDC", Side.BUY, BigDecimal.ONE, 1)); // fills at the next open
    ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("95"), 2)); // mid-bar
    ex.placeOrder(OrderRequest.limit("BTC_USDC", Side.BUY, BigDecimal.ONE, new BigDecimal("91"), 3)); // next bar
    List<Integer> checked = new ArrayList<>();
    Runnable afterPrint = () -> {
      PaperExchange restarted = PaperExchange.replay(spot(), bars, Duration.ofHours(1), 1, state);
      assertThat(restarted.fills(null, Instant.EPOCH)).as("fills on disk when %s were heard", heard)
          .containsAll(heard);
      checked.add(heard.size());
    };
    while (ex.advance(afterPrint)) {
      // every print that filled something ran the check
    }
    assertThat(heard).extracting(Fill::clientId).containsExactly(1L, 2L, 3L);
    assertThat(checked).containsExactly(1, 2, 3);
  }

  @Test
  void csvRowsAreReadAndBadRowsNamed() throws Exception {
    Path csv = dir.resolve("bars.csv");
    Files.writeString(csv, "timestamp,open,high,low,close,volume\n2025-01-01T00:00:00Z,1,2,0.5,1.5,10\n"
        + "2025-01-01T01:00:00Z,1.5,2,1,1.2,3\n");
    assertThat(PaperExchange.readCsv(csv)).hasSize(2);
    Files.writeString(csv, "timestamp,open,high,low,close,volume\n2025-01-01T00:00:00Z,1,2,0.5,1.5,10\n"
        + "2025-01-01T01:00:00Z,1.5,2,1,x,3\n");
    assertThatThrownBy(() -> PaperExchange.readCsv(csv)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3");
  }
}
