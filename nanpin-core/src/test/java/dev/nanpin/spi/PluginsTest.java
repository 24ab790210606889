package dev.nanpin.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.PluginException;
import dev.nanpin.Strategy;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {
  @TempDir
  Path dir;

  private Plugins loadWith(String... providerClasses) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.write(services.resolve(StrategyProvider.class.getName()), List.of(providerClasses));
    ClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    return Plugins.load(cl);
  }

  private static String name(Class<?> c) {
    return c.getName();
  }

  @Test
  void findsAndCreatesById() throws IOException {
    Plugins plugins = loadWith(name(TestProviders.Alpha.class), name(TestProviders.Beta.class));
    Strategy s = plugins.strategy("alpha", Map.of("levels", "7"));
    assertThat(s).isEqualTo(new TestProviders.Counting(7));
    assertThat(plugins.providers(PluginFamily.STRATEGY)).extracting(PluginProvider::id).contains("alpha", "beta");
    assertThat(plugins.problems()).isEmpty();
  }

  @Test
  void unknownIdListsTheKnownIds() throws IOException {
    Plugins plugins = loadWith(name(TestProviders.Alpha.class), name(TestProviders.Beta.class));
    assertThatThrownBy(() -> plugins.strategy("gamma", Map.of()))
        .isInstanceOfSatisfying(PluginException.class, e -> {
          assertThat(e.family()).isEqualTo("strategy");
          assertThat(e.id()).isEqualTo("gamma");
          assertThat(e.knownIds()).contains("alpha", "beta");
        })
        .hasMessageContaining("No strategy provider 'gamma'")
        .hasMessageContaining("alpha")
        .hasMessageContaining("beta");
  }

  @Test
  void duplicateIdFailsNamingBothClasses() throws IOException {
    Plugins plugins = loadWith(name(TestProviders.Alpha.class), name(TestProviders.AlphaTwin.class),
        name(TestProviders.Beta.class));
    assertThatThrownBy(() -> plugins.strategy("alpha", Map.of()))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining(TestProviders.Alpha.class.getName())
        .hasMessageContaining(TestProviders.AlphaTwin.class.getName());
    // the clash does not hide the other providers
    assertThat(plugins.strategy("beta", Map.of())).isNotNull();
    assertThat(plugins.problems()).anySatisfy(p -> assertThat(p).contains("'alpha'"));
  }

  @Test
  void failingProvidersAreReportedWithoutHidingTheOthers() throws IOException {
    Plugins plugins = loadWith(name(TestProviders.Exploding.class), "dev.nanpin.spi.NoSuchProvider",
        name(TestProviders.Beta.class));
    assertThat(plugins.providers(PluginFamily.STRATEGY)).extracting(PluginProvider::id).contains("beta")
        .doesNotContain("exploding");
    assertThat(plugins.problems()).hasSize(2);
    assertThat(plugins.problems()).anySatisfy(p -> assertThat(p).contains("Exploding"));
    assertThat(plugins.problems()).anySatisfy(p -> assertThat(p).contains("NoSuchProvider"));
  }

  @Test
  void configErrorsNameTheKey() throws IOException {
    Plugins plugins = loadWith(name(TestProviders.Alpha.class));
    assertThatThrownBy(() -> plugins.strategy("alpha", Map.of("levles", "3")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("levles"))
        .hasMessageContaining("unknown key 'levles'").hasMessageContaining("levels, step");
    assertThatThrownBy(() -> plugins.strategy("alpha", Map.of("levels", "many")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("levels"))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> plugins.strategy("alpha", Map.of("step", 0.9)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("step"))
        .hasMessageContaining("out of range");
  }

  @Test
  void otherFamiliesAreEmptyButListed() throws IOException {
    Plugins plugins = loadWith(name(TestProviders.Beta.class));
    for (PluginFamily f : PluginFamily.values()) {
      assertThat(plugins.providers(f)).isNotNull();
    }
    assertThatThrownBy(() -> plugins.exchange("nowhere", Map.of())).isInstanceOf(PluginException.class)
        .hasMessageContaining("exchange");
  }
}
