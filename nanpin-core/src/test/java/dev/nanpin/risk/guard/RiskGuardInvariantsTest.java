package dev.nanpin.risk.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Side;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invariants of the guard over many random accounts and orders (seeded, so reproducible). */
class RiskGuardInvariantsTest {
  private static final long SEED = 20260301L;
  private static final int CASES = 5_000;

  private static BigDecimal money(Random r, int maxUnits) {
    return BigDecimal.valueOf(r.nextInt(maxUnits * 100) + 1, 2);
  }

  private static Exposure exposure(Random r) {
    BigDecimal position = BigDecimal.valueOf(r.nextInt(4001) - 2000, 2);
    BigDecimal equity = BigDecimal.valueOf(r.nextInt(200_000) - 20_000, 2);
    return new Exposure(equity, equity.max(BigDecimal.ZERO), money(r, 200), position,
        position.signum() == 0 ? BigDecimal.ZERO : money(r, 200), BigDecimal.valueOf(r.nextInt(50_000), 2));
  }

  private static RiskLimits limits(Random r) {
    return new RiskLimits(r.nextBoolean() ? money(r, 2000) : null, r.nextBoolean() ? money(r, 5000) : null,
        r.nextBoolean() ? money(r, 10) : null, r.nextBoolean() ? money(r, 5000) : null, null);
  }

  private static RiskLimits looser(RiskLimits l) {
    BigDecimal two = BigDecimal.valueOf(2);
    return new RiskLimits(l.maxOrderNotional() == null ? null : l.maxOrderNotional().multiply(two),
        l.maxPositionNotional() == null ? null : l.maxPositionNotional().multiply(two),
        l.maxLeverage() == null ? null : l.maxLeverage().multiply(two),
        l.maxCapitalInUse() == null ? null : l.maxCapitalInUse().multiply(two), null);
  }

  @Test
  void ordersThatOnlyReduceThePositionAreAlwaysAccepted() {
    Random r = new Random(SEED);
    int checked = 0;
    for (int i = 0; i < CASES; i++) {
      Exposure e = exposure(r);
      if (e.positionQuantity().signum() == 0) {
        continue;
      }
      // Close between 1% and 100% of the position, on the opposite side.
      BigDecimal fraction = BigDecimal.valueOf(r.nextInt(100) + 1, 2);
      BigDecimal qty = e.positionQuantity().abs().multiply(fraction);
      Side side = e.positionQuantity().signum() > 0 ? Side.SELL : Side.BUY;
      ProposedOrder o = new ProposedOrder("X", side, qty, money(r, 200), r.nextBoolean());
      RiskLimits tight = new RiskLimits(new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("0.01"),
          new BigDecimal("0.01"), null);
      assertThat(RiskGuard.of(tight).check(o, e).accepted()).as("case %d: %s %s", i, o, e).isTrue();
      checked++;
    }
    assertThat(checked).isGreaterThan(CASES / 2);
  }

  @Test
  void looserLimitsNeverRefuseWhatTighterOnesAccept() {
    Random r = new Random(SEED + 1);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      Exposure e = exposure(r);
      RiskLimits l = limits(r);
      ProposedOrder o = new ProposedOrder("X", r.nextBoolean() ? Side.BUY : Side.SELL, money(r, 20), money(r, 200),
          false);
      RiskDecision tight = RiskGuard.of(l).check(o, e);
      RiskDecision loose = RiskGuard.of(looser(l)).check(o, e);
      if (tight.accepted()) {
        accepted++;
        assertThat(loose.accepted()).as("case %d: %s %s %s", i, o, e, l).isTrue();
      } else {
        refused++;
        // A refusal always names its limit and, except for a non-positive equity, the numbers.
        assertThat(tight.limit()).isNotNull();
        assertThat(tight.message()).startsWith(tight.limit().name());
        if (tight.actual() != null) {
          assertThat(tight.limit() == RiskLimit.MIN_LIQUIDATION_DISTANCE
              ? tight.actual().compareTo(tight.allowed()) < 0
              : tight.actual().compareTo(tight.allowed()) > 0).as("case %d", i).isTrue();
        } else {
          assertThat(e.equity().signum()).isLessThanOrEqualTo(0);
        }
      }
    }
    assertThat(accepted).isPositive();
    assertThat(refused).isPositive();
  }
}
