package dev.nanpin.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.spi.Plugins;
import dev.nanpin.strategy.NanpinStrategy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ladder's signal gate comes from a bot's YAML like any other strategy setting. */
class EntryGateConfigTest {
  private static final Plugins PLUGINS = Plugins.load(EntryGateConfigTest.class.getClassLoader());

  @TempDir
  Path dir;

  private static String yaml(String gate) {
    return BotConfigLoaderTest.YAML.replace("""
          id: test-ladder
          params:
            levels: 6
        """, """
          id: nanpin
          params:
            entryGate: "%s"
            levelSnap: 0.01
            levels: 6
        """.formatted(gate));
  }

  @Test
  void theGateAndTheSnapReachTheStrategy() {
    BotConfig cfg = new BotConfigLoader(Map.of("BP_KEY", "k"), PLUGINS)
        .load(yaml("wyckoff.bias == accumulation and wyckoff.phase in (B, C, D)"), dir, "bot.yaml");
    NanpinStrategy s = (NanpinStrategy) PLUGINS.strategy(cfg.strategy().id(), cfg.strategy().params());
    assertThat(s.config().entryGate()).isEqualTo("wyckoff.bias == accumulation and wyckoff.phase in (B, C, D)");
    assertThat(s.config().levelSnap()).isEqualTo(0.01);
  }

  @Test
  void aMalformedGateFailsNamingTheSetting() {
    BotConfig cfg = new BotConfigLoader(Map.of("BP_KEY", "k"), PLUGINS).load(yaml("wyckoff.phase >"), dir, "bot.yaml");
    assertThatThrownBy(() -> PLUGINS.strategy(cfg.strategy().id(), cfg.strategy().params()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("entryGate");
  }
}
