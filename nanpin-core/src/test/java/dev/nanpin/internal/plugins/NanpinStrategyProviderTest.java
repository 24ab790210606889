package dev.nanpin.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.spi.PluginConfig;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider reads a configuration once for the many strategies a Monte Carlo run makes from it. */
class NanpinStrategyProviderTest {
  private final NanpinStrategyProvider provider = new NanpinStrategyProvider();

  @Test
  void strategiesFromOneConfigurationShareItsSettingsAndAnotherConfigurationIsReadAfresh() {
    PluginConfig levels3 = NanpinConfig.SPEC.resolve(Map.of("levels", 3));
    PluginConfig levels7 = NanpinConfig.SPEC.resolve(Map.of("levels", 7));
    NanpinStrategy a = (NanpinStrategy) provider.create(levels3);
    NanpinStrategy b = (NanpinStrategy) provider.create(levels3);
    assertThat(a).isNotSameAs(b);
    assertThat(b.config()).isSameAs(a.config()).isEqualTo(NanpinConfig.from(levels3));
    NanpinStrategy c = (NanpinStrategy) provider.create(levels7);
    assertThat(c.maxEntries()).isEqualTo(7);
    assertThat(((NanpinStrategy) provider.create(levels3)).maxEntries()).isEqualTo(3);
    // an equal but distinct configuration gives equal settings
    assertThat(((NanpinStrategy) provider.create(NanpinConfig.SPEC.resolve(Map.of("levels", 3)))).config())
        .isEqualTo(a.config());
  }
}
