package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GbmReferenceTest {
  @Test
  void reproducesTheDocumentedFingerprintAndCloses() {
    BarData[] paths = GbmReference.generate(200, 8760, 42);
    assertThat(paths).hasSize(200);
    assertThat(GbmReference.fingerprint(paths)).isEqualTo("3e0da9c3f227d798");
    assertThat(paths[0].close(0)).isEqualTo(30198.795426646826);
    assertThat(paths[0].close(8759)).isEqualTo(29682.78434841454);
    assertThat(paths[0].timeMillis(0)).isEqualTo(GbmReference.START_MILLIS);
    assertThat(paths[0].intervalMillis()).isEqualTo(3_600_000L);
    assertThat(paths[0].gaps()).isZero();
    assertThat(paths[0].open(0)).isEqualTo(GbmReference.START);
  }

  @Test
  void refusesEmptyRequests() {
    assertThatThrownBy(() -> GbmReference.generate(0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
