package dev.nanpin.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.SignalView;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalGateTest {
  private final Map<String, SignalView> latest = new HashMap<>();

  private boolean test(String expr) {
    return SignalGate.parse(expr).test(latest::get);
  }

  private void wyckoff(String bias, String phase, Object springBar) {
    Map<String, Object> f = new HashMap<>();
    f.put("bias", bias);
    f.put("phase", phase);
    if (springBar != null) {
      f.put("springBar", springBar);
    }
    latest.put("wyckoff", new FieldSignal("wyckoff", 0, f));
  }

  @Test
  void accumulationPhasesOrASpring() {
    String gate = "wyckoff.bias == accumulation and wyckoff.phase in (B, C, D) or wyckoff.springBar >= 0";
    assertThat(test(gate)).as("no signal yet").isFalse();
    wyckoff("ACCUMULATION", "B", null);
    assertThat(test(gate)).isTrue();
    wyckoff("ACCUMULATION", "A", null);
    assertThat(test(gate)).isFalse();
    wyckoff("DISTRIBUTION", "C", null);
    assertThat(test(gate)).isFalse();
    wyckoff("ACCUMULATION", "E", 120);
    assertThat(test(gate)).as("after a spring").isTrue();
  }

  @Test
  void notAndParenthesesAndNumbers() {
    latest.put("orderflow", new FieldSignal("orderflow", 0, Map.of("divergence", "BEARISH", "delta", -3.5)));
    assertThat(test("not orderflow.divergence == bearish")).isFalse();
    assertThat(test("NOT (orderflow.divergence == bullish)")).isTrue();
    assertThat(test("orderflow.delta < -3 and orderflow.delta >= -3.5")).isTrue();
    assertThat(test("orderflow.delta != -3.5 or orderflow.delta in (1, 2, -3.5)")).isTrue();
    assertThat(test("orderflow.divergence != bullish")).isTrue();
    assertThat(test("orderflow.noSuchField > 0")).as("absent field").isFalse();
    assertThat(test("not missing.x == 1")).as("absent source under not").isTrue();
    assertThat(test("")).isTrue();
    assertThat(test("   ")).isTrue();
    assertThat(test("volume-profile.poc > 0")).isFalse();
    assertThat(SignalGate.parse("a.b == 1 or (c.d == x and a.e > 2)").sources()).containsExactly("a", "c");
  }

  @Test
  void syntaxErrorsNameTheSettingAndThePosition() {
    assertThatThrownBy(() -> SignalGate.parse("wyckoff.phase =="))
        .isInstanceOf(ConfigException.class).hasMessageContaining("entryGate").hasMessageContaining("position");
    assertThatThrownBy(() -> SignalGate.parse("wyckoff phase == B")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'.'");
    assertThatThrownBy(() -> SignalGate.parse("wyckoff.phase > B")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("==, != or in");
    assertThatThrownBy(() -> SignalGate.parse("(a.b == 1")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("')'");
    assertThatThrownBy(() -> SignalGate.parse("a.b in (1, x)")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("mixes");
    assertThatThrownBy(() -> SignalGate.parse("a.b == 1 c")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unexpected");
    assertThatThrownBy(() -> NanpinConfig.of(Map.of("entryGate", "wyckoff.phase ==")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("entryGate");
  }
}
