package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.Strategy;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExamplePluginsTest {
  @Test
  void bothStrategiesAreFoundByIdWithTheirDefaults() {
    Plugins plugins = Plugins.load();
    assertThat(plugins.providers(PluginFamily.STRATEGY)).extracting(p -> p.id()).contains("sma-cross", "ladder-basic");
    assertThat(plugins.provider(PluginFamily.STRATEGY, "sma-cross").configSpec().param("fast").orElseThrow().defaultValue())
        .isEqualTo(50);
    assertThat(plugins.provider(PluginFamily.STRATEGY, "ladder-basic").configSpec().param("step").orElseThrow().defaultValue())
        .isEqualTo(0.97);

    BarData path = GbmReference.generate(1, 8760, 42)[0];
    Strategy viaLookup = plugins.strategy("ladder-basic", Map.of());
    assertThat(new Backtester(Workloads.CONFIG).run(path, viaLookup).fills())
        .isEqualTo(Workloads.runB(path).fills());
    Strategy sma = plugins.strategy("sma-cross", Map.of("fast", "50", "slow", "200"));
    assertThat(new Backtester(Workloads.CONFIG).run(path, sma).fills()).isEqualTo(Workloads.runA(path).fills());
  }

  @Test
  void badParametersNameTheKey() {
    Plugins plugins = Plugins.load();
    assertThatThrownBy(() -> plugins.strategy("sma-cross", Map.of("fast", "300")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fast");
    assertThatThrownBy(() -> plugins.strategy("ladder-basic", Map.of("step", "1.5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("step");
  }

  @Test
  void theRunnableExamplePrintsASummary() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      BacktestExample.main(new String[0]);
    } finally {
      System.setOut(old);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("Final equity").contains("Closed trades");
  }
}
