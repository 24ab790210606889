package dev.nanpin.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.SignalGenerator;
import dev.nanpin.SignalView;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.PluginProvider;
import dev.nanpin.spi.Plugins;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  private final Plugins plugins = Plugins.load();

  @Test
  void theThreeGeneratorsAreFoundById() {
    assertThat(plugins.providers(PluginFamily.SIGNAL)).extracting(PluginProvider::id)
        .contains("wyckoff", "orderflow", "volume-profile");
    assertThat(plugins.signalGenerator("wyckoff", Map.of())).isInstanceOf(WyckoffGenerator.class);
    assertThat(plugins.signalGenerator("orderflow", Map.of())).isInstanceOf(OrderFlowGenerator.class);
    assertThat(plugins.signalGenerator("volume-profile", Map.of("window-bars", "30")))
        .isInstanceOf(VolumeProfileGenerator.class);
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> plugins.signalGenerator("wyckoff", Map.of("pivotLeft", 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("pivotLeft");
    assertThatThrownBy(() -> plugins.signalGenerator("volume-profile", Map.of("bins", 3)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bins");
  }

  @Test
  void implausibleBarsAreRejectedNamingTheBar() {
    TestBars bars = new TestBars.Builder().bar(100, 101, 99, 100, 10).bar(100, 101, 99, 100, -1).build();
    for (String id : List.of("wyckoff", "orderflow", "volume-profile")) {
      SignalGenerator g = plugins.signalGenerator(id, Map.of());
      assertThatThrownBy(() -> TestBars.run(g, bars)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bar 1");
    }
  }

  @Test
  void everyFieldNameReadsAsNumberOrText() {
    RandomMarket m = new RandomMarket(7, 120);
    for (String id : List.of("wyckoff", "orderflow", "volume-profile")) {
      for (var s : TestBars.run(plugins.signalGenerator(id, Map.of()),
          m.bars, id.equals("orderflow") ? m.trades : null)) {
        if (s == null) {
          continue;
        }
        SignalView v = (SignalView) s;
        assertThat(v.source()).isEqualTo(id);
        for (String f : v.fieldNames()) {
          boolean numeric = !Double.isNaN(v.number(f));
          boolean textual = v.text(f) != null;
          assertThat(numeric && textual).as("%s.%s is one kind", id, f).isFalse();
        }
        assertThat(v.number("noSuchField")).isNaN();
        assertThat(v.text("noSuchField")).isNull();
      }
    }
  }
}
