package dev.nanpin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.strategy.NanpinStrategy;
import org.junit.jupiter.api.Test;

class ExitReasonTest {
  @Test
  void aTagNamesItsReasonAndTheEngineFindsTheRest() {
    assertThat(ExitReason.of(ExitReason.TRAILING_STOP.tag(), false, false)).isEqualTo(ExitReason.TRAILING_STOP);
    assertThat(ExitReason.of(ExitReason.TAKE_PROFIT.tag(), true, false)).isEqualTo(ExitReason.TAKE_PROFIT);
    assertThat(ExitReason.of(ExitReason.STOP_LOSS.tag(), false, true)).as("a liquidation is one whatever the tag")
        .isEqualTo(ExitReason.LIQUIDATION);
    assertThat(ExitReason.of(0, true, false)).isEqualTo(ExitReason.LIMIT_EXIT);
    assertThat(ExitReason.of(7, false, false)).as("a ladder level's tag names nothing").isEqualTo(ExitReason.MARKET_EXIT);
    assertThat(ExitReason.ofTag(0)).isNull();
    assertThatThrownBy(ExitReason.OPEN_AT_END::tag).isInstanceOf(IllegalStateException.class);
    assertThat(ExitReason.TRAILING_STOP.code()).isEqualTo("trailing-stop");
    assertThat(ExitReason.OPEN_AT_END.label()).isEqualTo("open at end of data");
  }

  @Test
  void theNanpinLaddersTagsAreItsReasons() {
    assertThat(ExitReason.ofTag(NanpinStrategy.TAKE_PROFIT_TAG)).isEqualTo(ExitReason.TAKE_PROFIT);
    assertThat(ExitReason.ofTag(NanpinStrategy.EXIT_TAG)).isEqualTo(ExitReason.STRATEGY_EXIT);
    for (NanpinStrategy.ExitReason r : NanpinStrategy.ExitReason.values()) {
      assertThat(ExitReason.ofTag(r.reported().tag())).isEqualTo(r.reported());
    }
    assertThat(NanpinStrategy.ExitReason.TRAILING.reported()).isEqualTo(ExitReason.TRAILING_STOP);
  }
}
