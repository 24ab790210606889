package dev.nanpin.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.spi.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotConfigLoaderTest {
  private static final Plugins PLUGINS = Plugins.load(BotConfigLoaderTest.class.getClassLoader());

  static final String YAML = """
      name: sol-ladder
      exchange:
        id: backpack
        symbol: SOL_USDC_PERP
        settings:
          apiKey: ${BP_KEY}
      strategy:
        id: test-ladder
        params:
          levels: 6
          step: 0.025
      sizers:
        - id: test-feed-sizer
          params:
            quote: 50
      risk:
        maxOrderNotional: 500
        maxLeverage: 3
        maxCapitalInUse: 2000.50
      data:
        - id: feargreed
          every: 1h
      store:
        path: state/bot.db
      engine:
        reconcileEvery: 45s
        statusFile: status.json
      """;

  @TempDir
  Path dir;

  private BotConfigLoader loader(Map<String, String> env) {
    return new BotConfigLoader(env, PLUGINS);
  }

  private BotConfig load(String yaml, Map<String, String> env) {
    return loader(env).load(yaml, dir, "bot.yaml");
  }

  @Test
  void bindsEveryKeyAndAppliesDefaults() {
    BotConfig c = load(YAML, Map.of("BP_KEY", "key-from-env"));
    assertThat(c.name()).isEqualTo("sol-ladder");
    assertThat(c.exchange().id()).isEqualTo("backpack");
    assertThat(c.exchange().symbol()).isEqualTo("SOL_USDC_PERP");
    assertThat(c.exchange().settings()).containsEntry("apiKey", "key-from-env");
    assertThat(c.strategy().params()).containsEntry("levels", 6);
    assertThat(c.sizers()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo("test-feed-sizer"));
    assertThat(c.risk().maxOrderNotional()).isEqualByComparingTo("500");
    assertThat(c.risk().maxCapitalInUse()).isEqualByComparingTo("2000.50");
    assertThat(c.risk().maxPositionNotional()).isNull();
    assertThat(c.dataSources()).singleElement().satisfies(d -> assertThat(d.every()).isEqualTo(Duration.ofHours(1)));
    assertThat(c.store().path()).isEqualTo(dir.resolve("state/bot.db"));
    assertThat(c.store().jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("state/bot.db").toAbsolutePath());
    assertThat(c.notifications().enabled()).isFalse();
    assertThat(c.engine().reconcileEvery()).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.engine().cancelOnShutdown()).isFalse();
    assertThat(c.engine().statusEvery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.engine().statusFile()).isEqualTo(dir.resolve("status.json"));
    assertThat(loader(Map.of()).validate(c)).containsExactlyElementsOf(expectedWarnings());
  }

  @Test
  void environmentOverridesAnyKey() {
    Map<String, String> env = Map.of(
        "BP_KEY", "k",
        "NANPIN_RISK__MAX_LEVERAGE", "2",
        "NANPIN_RISK__MAX_POSITION_NOTIONAL", "1500",
        "NANPIN_STRATEGY__PARAMS__LEVELS", "8",
        "NANPIN_SIZERS__0__PARAMS__QUOTE", "75",
        "NANPIN_ENGINE__CANCEL_ON_SHUTDOWN", "true",
        "NANPIN_EXCHANGE__SETTINGS__API_SECRET", "s3cr3t",
        "NANPIN_HOME", "/opt/nanpin", // not a config key: ignored
        "NANPIN_STORE__PATH", "/var/lib/nanpin/sol.db");
    BotConfig c = load(YAML, env);
    assertThat(c.risk().maxLeverage()).isEqualByComparingTo("2");
    assertThat(c.risk().maxPositionNotional()).isEqualByComparingTo("1500");
    assertThat(c.strategy().params()).containsEntry("levels", "8");
    assertThat(c.sizers().get(0).params()).containsEntry("quote", "75");
    assertThat(c.engine().cancelOnShutdown()).isTrue();
    assertThat(c.exchange().settings()).containsEntry("apiSecret", "s3cr3t");
    assertThat(c.store().path()).isEqualTo(Path.of("/var/lib/nanpin/sol.db"));
    // Overridden strings still pass the plugin's typed checks.
    assertThat(loader(env).validate(c)).containsExactlyElementsOf(expectedWarnings());
  }

  @Test
  void envNamesFollowTheDocumentedRule() {
    assertThat(BotConfigLoader.camel("API_SECRET")).isEqualTo("apiSecret");
    assertThat(BotConfigLoader.camel("levels")).isEqualTo("levels");
    assertThat(BotConfigLoader.envName(List.of("exchange", "settings", "apiSecret")))
        .isEqualTo("NANPIN_EXCHANGE__SETTINGS__API_SECRET");
    assertThat(BotConfigLoader.envName(List.of("sizers", "0", "params", "quote")))
        .isEqualTo("NANPIN_SIZERS__0__PARAMS__QUOTE");
    assertThat(BotConfigLoader.envName(List.of("secretsFile"))).isEqualTo("NANPIN_SECRETS_FILE");
  }

  @Test
  void aSecretWrittenInTheFileIsRefused() {
    String yaml = YAML.replace("apiKey: ${BP_KEY}", "apiKey: abc123");
    assertThatThrownBy(() -> load(yaml, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("exchange.settings.apiKey");
          assertThat(e.getMessage()).contains("NANPIN_EXCHANGE__SETTINGS__API_KEY").doesNotContain("abc123");
        });
    String jdbc = YAML.replace("path: state/bot.db", "url: jdbc:postgresql://db/nanpin?user=bot&password=pw1");
    assertThatThrownBy(() -> load(jdbc, Map.of("BP_KEY", "k")))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("store.url");
          assertThat(e.getMessage()).contains("NANPIN_STORE__URL").doesNotContain("pw1");
        });
    BotConfigLoader fromEnv = loader(Map.of("BP_KEY", "k",
        "NANPIN_STORE__URL", "jdbc:postgresql://db/nanpin?user=bot&password=pw1"));
    BotConfig pg = fromEnv.load(YAML.replace("path: state/bot.db", "url: jdbc:postgresql://db/nanpin"), dir, "bot.yaml");
    assertThat(pg.store().jdbcUrl()).endsWith("password=pw1");
    assertThat(fromEnv.maskedYaml(pg)).contains("url: jdbc:postgresql://db/nanpin?...").doesNotContain("pw1");
    assertThat(pg.toString()).doesNotContain("pw1");
    String webhook = YAML + "notifications:\n  webhook:\n    url: https://hooks.example/T0/secret\n";
    assertThatThrownBy(() -> load(webhook, Map.of("BP_KEY", "k")))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("notifications.webhook.url"));
  }

  @Test
  void aPlaceholderNeedsItsVariable() {
    assertThatThrownBy(() -> load(YAML, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("exchange.settings.apiKey");
          assertThat(e.getMessage()).contains("BP_KEY");
        });
  }

  @Test
  void secretsFileIsMergedAndTheEnvironmentWins() throws Exception {
    Files.writeString(dir.resolve("secrets.yaml"), """
        exchange:
          settings:
            apiSecret: from-file
            apiKey: file-key
        notifications:
          webhook:
            url: https://hooks.example/T0/xyz
        """);
    String yaml = YAML.replace("apiKey: ${BP_KEY}", "region: eu") + "secretsFile: secrets.yaml\n";
    BotConfig c = load(yaml, Map.of("NANPIN_EXCHANGE__SETTINGS__API_KEY", "env-key"));
    assertThat(c.exchange().settings()).containsEntry("apiSecret", "from-file").containsEntry("apiKey", "env-key")
        .containsEntry("region", "eu");
    assertThat(c.notifications().enabled()).isTrue();
    assertThat(c.notifications().events()).contains("fill", "error");

    assertThatThrownBy(() -> load(YAML + "secretsFile: missing.yaml\n", Map.of("BP_KEY", "k")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("secretsFile"));
  }

  @Test
  void printoutAndToStringMaskSecrets() {
    String yaml = YAML.replace("quote: 50", "quote: 50\n      feed: ${FEED}")
        + "notifications:\n  webhook:\n    url: ${HOOK}\n    events: [fill]\n";
    Map<String, String> env = Map.of("BP_KEY", "key-AAA", "FEED", "https://feed.example/sig-BBB",
        "HOOK", "https://hooks.example/CCC", "NANPIN_EXCHANGE__SETTINGS__API_SECRET", "secret-DDD");
    BotConfigLoader loader = loader(env);
    BotConfig c = loader.load(yaml, dir, "bot.yaml");
    String printed = loader.maskedYaml(c);
    assertThat(printed).doesNotContain("key-AAA", "sig-BBB", "CCC", "secret-DDD");
    assertThat(printed).contains("apiKey: '****'").contains("apiSecret: '****'")
        .contains("feed: '****'").contains("url: '****'");
    assertThat(printed).contains("levels: 6").contains("maxLeverage: 3").contains("symbol: SOL_USDC_PERP");
    assertThat(c.toString()).doesNotContain("key-AAA", "sig-BBB", "CCC", "secret-DDD");
  }

  @Test
  void pluginParametersAreCheckedByTheirSpec() {
    BotConfig c = load(YAML.replace("levels: 6", "levels: 50"), Map.of("BP_KEY", "k"));
    assertThatThrownBy(() -> loader(Map.of()).validate(c))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("strategy.params.levels");
          assertThat(e.getMessage()).contains("out of range [1, 20]");
        });
    BotConfig typo = load(YAML.replace("quote: 50", "qoute: 50"), Map.of("BP_KEY", "k"));
    assertThatThrownBy(() -> loader(Map.of()).validate(typo))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sizers[0].params.qoute"));
  }

  @Test
  void badValuesNameTheirKey() {
    Map<String, String> env = Map.of("BP_KEY", "k");
    assertThatThrownBy(() -> load(YAML.replace("maxLeverage: 3", "maxLevrage: 3"), env))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("risk.maxLevrage");
          assertThat(e.getMessage()).contains("known keys of risk");
        });
    assertThatThrownBy(() -> load(YAML.replace("maxLeverage: 3", "maxLeverage: -1"), env))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("risk.maxLeverage"));
    assertThatThrownBy(() -> load(YAML.replace("  symbol: SOL_USDC_PERP\n", ""), env))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("exchange.symbol"));
    assertThatThrownBy(() -> load(YAML.replace("every: 1h", "every: hourly"), env))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("data[0].every"));
    assertThatThrownBy(() -> load(YAML.replace("reconcileEvery: 45s", "reconcileEvery: 10ms"), env))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains("minimum"));
    assertThatThrownBy(() -> load("exchange: [1, 2", env))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot parse bot.yaml");
    assertThatThrownBy(() -> load("", env)).isInstanceOf(ConfigException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> load(YAML.replace("maxLeverage: 3", "maxLeverage: 3\n  maxLeverage: 30"), env))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Duplicate field 'maxLeverage'");
  }

  @Test
  void loadsFromAFileRelativeToItsDirectory() throws Exception {
    Path file = dir.resolve("conf/bot.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, YAML);
    BotConfig c = loader(Map.of("BP_KEY", "k")).load(file);
    assertThat(c.store().path()).isEqualTo(dir.resolve("conf/state/bot.db"));
    assertThatThrownBy(() -> loader(Map.of()).load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config");
  }

  @Test
  void theSignalsSectionBindsGeneratorsAndPolledSourcesAndNamesItsMistakes() {
    String base = YAML.replace("store:\n", "signals:\n  - id: test-sentiment\n    params:\n      value: 20\n"
        + "  - source: fear-greed\n    query: sentiment\n    every: 2h\nstore:\n");
    BotConfig c = load(base, Map.of("BP_KEY", "k"));
    assertThat(c.signals()).hasSize(2);
    assertThat(c.signals().get(0).computed()).isTrue();
    assertThat(c.signals().get(0).params()).containsEntry("value", 20);
    assertThat(c.signals().get(1).source()).isEqualTo("fear-greed");
    assertThat(c.signals().get(1).query()).isEqualTo("sentiment");
    assertThat(c.signals().get(1).every()).isEqualTo(Duration.ofHours(2));
    assertThat(loader(Map.of()).maskedYaml(c)).contains("test-sentiment").contains("query: sentiment");

    String bad = YAML.replace("store:\n", "signals:\n  - id: test-sentiment\n    params:\n      value: 200\nstore:\n");
    assertThatThrownBy(() -> loader(Map.of()).validate(load(bad, Map.of("BP_KEY", "k"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("signals[0].params");
    String both = YAML.replace("store:\n", "signals:\n  - id: a\n    source: b\nstore:\n");
    assertThatThrownBy(() -> load(both, Map.of("BP_KEY", "k"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("signals[0]: set id").hasMessageContaining("not both");
    String query = YAML.replace("store:\n", "signals:\n  - source: fear-greed\n    query: tides\nstore:\n");
    assertThatThrownBy(() -> load(query, Map.of("BP_KEY", "k"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown signal query 'tides'; known: sentiment, macro-regime, liquidations");
    String every = YAML.replace("store:\n", "signals:\n  - source: fear-greed\nstore:\n");
    assertThatThrownBy(() -> load(every, Map.of("BP_KEY", "k"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("signals[0].every");
  }

  @Test
  void theShippedExampleLoads() throws Exception {
    // The example lives in nanpin-examples; the test runs from this module's directory.
    Path example = Path.of("../nanpin-examples/src/main/resources/dev/nanpin/examples/bot.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(example), "example not found: " + example);
    BotConfig c = loader(Map.of()).load(example);
    assertThat(c.name()).isEqualTo("sol-ladder");
    assertThat(c.exchange().symbol()).isEqualTo("SOL_USDC_PERP");
    assertThat(c.risk().maxLeverage()).isEqualByComparingTo("3");
    assertThat(c.notifications().enabled()).isFalse();
    assertThat(c.engine().reconcileEvery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.store().path().getFileName().toString()).isEqualTo("sol-ladder.db");
    // The built-in strategy and sizer are on the class path: their parameters are checked.
    List<String> warnings = loader(Map.of()).validate(c);
    assertThat(warnings).noneMatch(w -> w.startsWith("strategy") || w.startsWith("sizer"));
    assertThat(c.strategy().id()).isEqualTo("nanpin");
    assertThat(PLUGINS.provider(dev.nanpin.spi.PluginFamily.STRATEGY, "nanpin").configSpec()
        .resolve(c.strategy().params()).getInt("levels")).isEqualTo(6);
  }

  /** Every plugin the test YAML names is on this class path (the cli depends on them): no warnings. */
  private static java.util.List<String> expectedWarnings() {
    return java.util.List.of();
  }

  @Test
  void unknownIdsAreErrorsWithASuggestion() {
    BotConfig c = load(YAML.replace("id: feargreed", "id: fear-greed"), Map.of("BP_KEY", "k"));
    assertThatThrownBy(() -> loader(Map.of()).validate(c))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("data[0].id");
          assertThat(e.getMessage()).startsWith("data[0].id: No data-source provider 'fear-greed'; did you mean 'feargreed'?");
        });
    BotConfig strategy = load(YAML.replace("id: test-ladder", "id: test-ladr"), Map.of("BP_KEY", "k"));
    assertThatThrownBy(() -> loader(Map.of()).validate(strategy))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("strategy.id");
          assertThat(e.getMessage()).contains("did you mean 'test-ladder'?");
        });
  }
}
