package dev.nanpin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RoundingProperties {
  @Provide
  Arbitrary<BigDecimal> increments() {
    return Arbitraries.of("1", "0.5", "0.1", "0.01", "0.25", "0.0001", "0.00001", "5", "0.001")
        .map(BigDecimal::new);
  }

  @Provide
  Arbitrary<BigDecimal> prices() {
    return Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("1000000")).ofScale(6);
  }

  @Provide
  Arbitrary<RoundingMode> modes() {
    return Arbitraries.of(RoundingMode.UP, RoundingMode.DOWN, RoundingMode.CEILING, RoundingMode.FLOOR,
        RoundingMode.HALF_UP, RoundingMode.HALF_DOWN, RoundingMode.HALF_EVEN);
  }

  private static Instrument instrument(BigDecimal tick, BigDecimal step) {
    return new Instrument("X_Y", "X", "Y", InstrumentKind.SPOT, tick, step, step);
  }

  @Property(tries = 500)
  void priceRoundingIsIdempotentOnGridAndMovesLessThanATick(
      @ForAll("prices") BigDecimal price, @ForAll("increments") BigDecimal tick, @ForAll("modes") RoundingMode mode) {
    Instrument i = instrument(tick, tick);
    BigDecimal rounded;
    try {
      rounded = i.roundPrice(price, mode);
    } catch (IllegalArgumentException e) {
      // only a price below one tick rounded down may fail, and it says so
      assertThat(price).isLessThan(tick);
      assertThat(e).hasMessageContaining("rounds to zero");
      return;
    }
    assertThat(rounded.remainder(tick)).isEqualByComparingTo("0");
    assertThat(rounded.subtract(price).abs()).isLessThan(tick);
    assertThat(i.roundPrice(rounded, mode)).isEqualByComparingTo(rounded);
    assertThat(i.roundPrice(rounded, RoundingMode.UNNECESSARY)).isEqualByComparingTo(rounded);
  }

  @Property(tries = 500)
  void quantityRoundingIsIdempotentAndDirectional(
      @ForAll("prices") BigDecimal quantity, @ForAll("increments") BigDecimal step) {
    Instrument i = instrument(new BigDecimal("0.01"), step);
    BigDecimal down = i.roundQuantity(quantity, RoundingMode.DOWN);
    BigDecimal up = i.roundQuantity(quantity, RoundingMode.UP);
    assertThat(down).isLessThanOrEqualTo(quantity);
    assertThat(up).isGreaterThanOrEqualTo(quantity);
    assertThat(up.subtract(down)).isLessThanOrEqualTo(step);
    assertThat(i.roundQuantity(down, RoundingMode.UP)).isEqualByComparingTo(down);
    assertThat(i.roundQuantity(up, RoundingMode.DOWN)).isEqualByComparingTo(up);
  }
}
