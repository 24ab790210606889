package dev.nanpin.sizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.ConfigException;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.spi.Plugins;
import dev.nanpin.strategy.NanpinStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizersTest {
  private static final OrderIntent UNIT = OrderIntent.buySized(1);
  private static final long HOUR = 3_600_000L;

  @Test
  void fixedQuoteIsCappedByTheFreeMargin() {
    Sizer s = Sizers.fixedQuote(100, 1);
    assertThat(s.quoteSize(UNIT, 10, FakeAccount.spot(1_000), 0)).isEqualTo(100);
    assertThat(s.quoteSize(UNIT, 10, FakeAccount.spot(50), 0)).isCloseTo(50, within(1e-9));
    // A 2x intent may spend at most the free margin in total.
    assertThat(s.quoteSize(OrderIntent.buySized(2), 10, FakeAccount.spot(150), 0)).isCloseTo(75, within(1e-9));
    // With a fee the notional plus the fee fits.
    assertThat(s.quoteSize(UNIT, 10, FakeAccount.of(50, 50, 50, 0.01), 0)).isCloseTo(50 / 1.01, within(1e-9));
  }

  @Test
  void percentEquityScalesWithEquityAndLeverage() {
    Sizer s = Sizers.percentEquity(0.05, 3);
    assertThat(s.quoteSize(UNIT, 10, FakeAccount.spot(1_000), 0)).isCloseTo(150, within(1e-9));
  }

  @Test
  void kellyFallsBackUntilMinTradesThenFollowsTheFormula() {
    KellySizer k = new KellySizer(0.25, 0.25, 4, 0.02, 1);
    assertThat(k.currentFraction()).isEqualTo(0.02);
    // 3 wins of +10 %, 1 loss of -5 %: p = 0.75, b = 2, f = (2 * 0.75 - 0.25) / 2 = 0.625; quarter: 0.15625.
    k.onTradeClosed(10, 0.10);
    k.onTradeClosed(10, 0.10);
    k.onTradeClosed(10, 0.10);
    k.onTradeClosed(-5, -0.05);
    assertThat(k.currentFraction()).isCloseTo(0.15625, within(1e-12));
    assertThat(k.quoteSize(UNIT, 10, FakeAccount.spot(1_000), 0)).isCloseTo(156.25, within(1e-9));
    KellySizer restored = new KellySizer(0.25, 0.25, 4, 0.02, 1);
    restored.restoreState(k.saveState());
    assertThat(restored.currentFraction()).isEqualTo(k.currentFraction());
  }

  @Test
  void kellyWithoutAnEdgeBetsNothing() {
    KellySizer k = new KellySizer(1, 0.5, 2, 0.02, 1);
    k.onTradeClosed(-1, -0.1);
    k.onTradeClosed(1, 0.05);
    // p = 0.5, b = 0.5: f = (0.25 - 0.5) / 0.5 < 0.
    assertThat(k.currentFraction()).isZero();
    assertThat(k.quoteSize(UNIT, 10, FakeAccount.spot(1_000), 0)).isZero();
  }

  @Test
  void tieredLeverageUsesCollateralTiers() {
    TieredLeverageSizer s = new TieredLeverageSizer(List.of(200.0, 1000.0), List.of(8.0, 5.0, 3.0), 0.07);
    assertThat(s.leverageFor(151.16)).isEqualTo(8);
    assertThat(s.leverageFor(200)).isEqualTo(5);
    assertThat(s.leverageFor(5_000)).isEqualTo(3);
    // Collateral 151.16 at 8x on a 7 % margin: 84.65 of notional, even though spot cash is zero.
    FakeAccount perp = new FakeAccount(151.16, 0, 151.16, 151.16, 0, 0, 0, 0, 0, 0);
    assertThat(s.quoteSize(UNIT, 100_000, perp, 0)).isCloseTo(0.07 * 151.16 * 8, within(1e-9));
    FakeAccount noFree = new FakeAccount(151.16, 0, 1, 151.16, 0, 0, 0, 0, 0, 0);
    assertThat(s.quoteSize(UNIT, 100_000, noFree, 0)).isCloseTo(8, within(1e-9));
  }

  @Test
  void buyCountDecayShrinksThenRefusesUntilTheWindowFrees() {
    BuyCountDecaySizer s = new BuyCountDecaySizer(List.of(0.10, 0.07, 0.05), Duration.ofHours(24));
    FakeAccount acc = FakeAccount.spot(1_000);
    assertThat(s.quoteSize(UNIT, 10, acc, 0)).isCloseTo(100, within(1e-9));
    s.onFill(FakeFill.buy(1, 0), acc);
    s.onFill(FakeFill.buy(1, 0), acc); // a second fill of the same order counts once
    assertThat(s.quoteSize(UNIT, 10, acc, HOUR)).isCloseTo(70, within(1e-9));
    s.onFill(FakeFill.buy(2, HOUR), acc);
    assertThat(s.quoteSize(UNIT, 10, acc, 2 * HOUR)).isCloseTo(50, within(1e-9));
    s.onFill(FakeFill.buy(3, 2 * HOUR), acc);
    assertThat(s.quoteSize(UNIT, 10, acc, 23 * HOUR)).isZero();
    assertThat(s.quoteSize(UNIT, 10, acc, 24 * HOUR)).isCloseTo(50, within(1e-9)); // the first buy left
    BuyCountDecaySizer restored = new BuyCountDecaySizer(List.of(0.10, 0.07, 0.05), Duration.ofHours(24));
    restored.restoreState(s.saveState());
    assertThat(restored.buysInWindow(23 * HOUR)).isEqualTo(3);
    assertThat(restored.saveState()).isEqualTo(s.saveState());
    assertThatThrownBy(() -> restored.restoreState(Map.of("buyTimes", "x"))).isInstanceOf(ConfigException.class);
  }

  @Test
  void chainTakesTheSmallestAnswerAndTheCap() {
    SizerChain chain = new SizerChain(List.of(Sizers.fixedQuote(100, 1), Sizers.percentEquity(0.05, 1)), 30);
    FakeAccount acc = FakeAccount.spot(1_000);
    assertThat(chain.quoteSize(UNIT, 10, acc, 0)).isCloseTo(30, within(1e-9));
    assertThat(SizerChain.of(Sizers.fixedQuote(100, 1), Sizers.percentEquity(0.05, 1))
        .quoteSize(UNIT, 10, acc, 0)).isCloseTo(50, within(1e-9));
    // The cap applies to the whole order: a 3x intent gets 10 per unit.
    assertThat(chain.quoteSize(OrderIntent.buySized(3), 10, acc, 0)).isCloseTo(10, within(1e-9));
  }

  @Test
  void chainForwardsHistoryAndState() {
    BuyCountDecaySizer decay = new BuyCountDecaySizer(List.of(0.10), Duration.ofHours(1));
    SizerChain chain = SizerChain.of(Sizers.fixedQuote(1_000, 1), decay);
    FakeAccount acc = FakeAccount.spot(1_000);
    chain.onFill(FakeFill.buy(7, 0), acc);
    assertThat(chain.quoteSize(UNIT, 10, acc, 1)).isZero();
    assertThat(chain.saveState()).containsKey("1.buyTimes");
    BuyCountDecaySizer decay2 = new BuyCountDecaySizer(List.of(0.10), Duration.ofHours(1));
    SizerChain chain2 = SizerChain.of(Sizers.fixedQuote(1_000, 1), decay2);
    chain2.restoreState(chain.saveState());
    assertThat(decay2.buysInWindow(1)).isEqualTo(1);
  }

  @Test
  void reduceOnlyIntentsAreNotCappedByFreeMargin() {
    OrderIntent reduce = new OrderIntent(Side.SELL, dev.nanpin.OrderType.MARKET, Sizing.SIZER, 1, Double.NaN, true,
        false, 0);
    assertThat(Sizers.fixedQuote(100, 1).quoteSize(reduce, 10, FakeAccount.spot(0), 0)).isEqualTo(100);
  }

  @Test
  void everyBuiltInPluginIsFoundById() {
    Plugins plugins = Plugins.load();
    assertThat(plugins.problems()).isEmpty();
    Strategy s = plugins.strategy("nanpin", Map.of("levels", "6", "leverage", "3"));
    assertThat(s).isInstanceOf(NanpinStrategy.class);
    assertThat(s.maxEntries()).isEqualTo(6);
    assertThat(s.leverageCeiling()).isEqualTo(3);
    assertThat(plugins.sizer("fixed-quote", Map.of("quote", "25")).quoteSize(UNIT, 1, FakeAccount.spot(100), 0))
        .isEqualTo(25);
    assertThat(plugins.sizer("percent-equity", Map.of())).isNotNull();
    assertThat(plugins.sizer("kelly", Map.of())).isInstanceOf(KellySizer.class);
    assertThat(plugins.sizer("tiered-leverage", Map.of())).isInstanceOf(TieredLeverageSizer.class);
    assertThat(plugins.sizer("buy-count-decay", Map.of("window", "12h"))).isInstanceOf(BuyCountDecaySizer.class);
    assertThatThrownBy(() -> plugins.sizer("tiered-leverage", Map.of("tierLeverages", "8,5")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> plugins.sizer("kelly", Map.of("baseFraction", "0.5", "cap", "0.1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("baseFraction");
    assertThatThrownBy(() -> plugins.strategy("nanpin", Map.of("stepp", "0.1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("stepp");
  }
}
