package dev.nanpin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarColumnsTest {
  @Test
  void barsAreAppendedInOrderAndTheSeriesGrowsPastItsCapacity() {
    BarColumns s = new BarColumns(1);
    assertThat(s.size()).isZero();
    assertThat(s.lastTime()).isEqualTo(Long.MIN_VALUE);
    for (int i = 0; i < 100; i++) {
      assertThat(s.append(1000L * i, i, i + 2, i - 1, i + 1, 10 * i)).isTrue();
    }
    assertThat(s.size()).isEqualTo(100);
    assertThat(s.lastTime()).isEqualTo(99_000L);
    assertThat(s.timeMillis(37)).isEqualTo(37_000L);
    assertThat(s.open(37)).isEqualTo(37);
    assertThat(s.high(37)).isEqualTo(39);
    assertThat(s.low(37)).isEqualTo(36);
    assertThat(s.close(37)).isEqualTo(38);
    assertThat(s.volume(37)).isEqualTo(370);
  }

  @Test
  void aBarNotNewerThanTheLastIsRefusedAndChangesNothing() {
    BarColumns s = new BarColumns();
    assertThat(s.append(2000, 1, 1, 1, 1, 1)).isTrue();
    assertThat(s.append(2000, 5, 5, 5, 5, 5)).as("a repeat").isFalse();
    assertThat(s.append(1000, 5, 5, 5, 5, 5)).as("out of order").isFalse();
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.close(0)).isEqualTo(1);
  }

  @Test
  void theFutureIsNotVisible() {
    BarColumns s = new BarColumns(8);
    s.append(0, 1, 1, 1, 1, 1);
    assertThatThrownBy(() -> s.close(1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("bar 1 of 1 visible");
    assertThatThrownBy(() -> s.open(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new BarColumns(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBarIsStoredAsDoubles() {
    BarColumns s = new BarColumns();
    Bar b = new Bar(Instant.parse("2024-01-01T00:00:00Z"), new BigDecimal("100.5"), new BigDecimal("101"),
        new BigDecimal("99"), new BigDecimal("100"), new BigDecimal("12.25"));
    assertThat(s.append(b)).isTrue();
    assertThat(s.timeMillis(0)).isEqualTo(b.time().toEpochMilli());
    assertThat(s.open(0)).isEqualTo(100.5);
    assertThat(s.volume(0)).isEqualTo(12.25);
    assertThat(s.append(b)).isFalse();
  }

  @Test
  void theColumnsAreCopiesOfTheBarsSoFar() {
    BarColumns s = new BarColumns(4);
    s.append(1000, 1, 3, 0.5, 2, 7);
    s.append(2000, 2, 4, 1.5, 3, 8);
    double[][] cols = s.columns((t, o, h, l, c, v) -> {
      assertThat(t).containsExactly(1000, 2000);
      return new double[][] {o, h, l, c, v};
    });
    s.append(3000, 3, 5, 2.5, 4, 9);
    assertThat(cols[0]).containsExactly(1, 2);
    assertThat(cols[1]).containsExactly(3, 4);
    assertThat(cols[2]).containsExactly(0.5, 1.5);
    assertThat(cols[3]).containsExactly(2, 3);
    assertThat(cols[4]).containsExactly(7, 8);
  }
}
