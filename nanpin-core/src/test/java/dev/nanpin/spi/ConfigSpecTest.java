package dev.nanpin.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.TimeInForce;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {
  private final ConfigSpec spec = ConfigSpec.builder()
      .doubleParam("takeProfit", 0.02, 0.001, 1.0, "take profit from the average entry")
      .doubleParam("stopLoss", Double.NaN, 0.001, 0.99, "stop loss, off unless set")
      .intParam("levels", 5, 1, 30, "ladder levels")
      .longParam("seed", 42, 0, Long.MAX_VALUE, "random seed")
      .booleanParam("permanent", false, "accumulate only")
      .stringParam("symbol", null, "market")
      .secretParam("apiKey", "the API key")
      .enumParam("tif", TimeInForce.class, TimeInForce.GTC, "time in force")
      .durationParam("cooldown", Duration.ofHours(12), Duration.ZERO, Duration.ofDays(30), "wait after a fill")
      .doubleListParam("fibLevels", List.of(0.236, 0.382, 0.5), 0.0, 1.0, "retracements")
      .build();

  @Test
  void defaultsApplyWhenNothingIsSet() {
    PluginConfig c = spec.resolve(Map.of());
    assertThat(c.getDouble("takeProfit")).isEqualTo(0.02);
    assertThat(c.getDouble("stopLoss")).isNaN();
    assertThat(c.getInt("levels")).isEqualTo(5);
    assertThat(c.getLong("seed")).isEqualTo(42L);
    assertThat(c.getBoolean("permanent")).isFalse();
    assertThat(c.getString("symbol")).isNull();
    assertThat(c.getEnum("tif", TimeInForce.class)).isEqualTo(TimeInForce.GTC);
    assertThat(c.getDuration("cooldown")).isEqualTo(Duration.ofHours(12));
    assertThat(c.getDoubleList("fibLevels")).containsExactly(0.236, 0.382, 0.5);
    assertThat(c.isSet("levels")).isFalse();
  }

  @Test
  void stringsFromTheCommandLineAreConverted() {
    PluginConfig c = spec.resolve(Map.of("take-profit", "0.05", "LEVELS", "8", "permanent", "TRUE",
        "tif", "ioc", "cooldown", "90m", "fib_levels", "0.5,0.618", "seed", "7", "stop-loss", "0.1"));
    assertThat(c.getDouble("takeProfit")).isEqualTo(0.05);
    assertThat(c.getInt("levels")).isEqualTo(8);
    assertThat(c.getBoolean("permanent")).isTrue();
    assertThat(c.getEnum("tif", TimeInForce.class)).isEqualTo(TimeInForce.IOC);
    assertThat(c.getDuration("cooldown")).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.getDoubleList("fibLevels")).containsExactly(0.5, 0.618);
    assertThat(c.getLong("seed")).isEqualTo(7L);
    assertThat(c.getDouble("stopLoss")).isEqualTo(0.1);
    assertThat(c.isSet("levels")).isTrue();
  }

  @Test
  void typedValuesFromYamlOrJavaAreAccepted() {
    PluginConfig c = spec.resolve(Map.of("takeProfit", 0.03, "levels", 6, "permanent", true,
        "cooldown", Duration.ofHours(2), "fibLevels", List.of(0.382, 0.5)));
    assertThat(c.getDouble("takeProfit")).isEqualTo(0.03);
    assertThat(c.getInt("levels")).isEqualTo(6);
    assertThat(c.getDuration("cooldown")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void errorsNameTheKeyAndWhatIsAccepted() {
    assertThatThrownBy(() -> spec.resolve(Map.of("levels", "2.5")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("levels"))
        .hasMessageContaining("levels = '2.5'").hasMessageContaining("whole number");
    assertThatThrownBy(() -> spec.resolve(Map.of("levels", 31)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("levels = 31 is out of range [1, 30]");
    assertThatThrownBy(() -> spec.resolve(Map.of("permanent", "yes")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("true or false");
    assertThatThrownBy(() -> spec.resolve(Map.of("tif", "forever")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("gtc, ioc, fok");
    assertThatThrownBy(() -> spec.resolve(Map.of("cooldown", "12")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("duration");
    assertThatThrownBy(() -> spec.resolve(Map.of("cooldown", "31d")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> spec.resolve(Map.of("takeProfit", "NaN")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("finite");
    assertThatThrownBy(() -> spec.resolve(Map.of("fibLevels", "0.5,1.5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fibLevels");
    assertThatThrownBy(() -> spec.resolve(Map.of("nope", 1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'nope'")
        .hasMessageContaining("takeProfit, stopLoss, levels");
  }

  @Test
  void secretsAreNeverPrinted() {
    PluginConfig c = spec.resolve(Map.of("apiKey", "s3cr3t-value"));
    assertThat(c.getString("apiKey")).isEqualTo("s3cr3t-value");
    assertThat(c.toString()).doesNotContain("s3cr3t-value").contains("apiKey=****");
    assertThatThrownBy(() -> spec.resolve(Map.of("apiKey", 12345)))
        .isInstanceOf(ConfigException.class).hasMessageNotContaining("12345");
  }

  @Test
  void requiredStringsFailWhenMissing() {
    PluginConfig c = spec.resolve(Map.of());
    assertThatThrownBy(() -> c.requireString("symbol"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("symbol"));
  }

  @Test
  void askingForAnUndeclaredOrMistypedParameterIsAProgrammingError() {
    PluginConfig c = spec.resolve(Map.of());
    assertThatThrownBy(() -> c.getDouble("levels")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.getInt("nothing")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void declaringANameTwiceOrABadDefaultFails() {
    assertThatThrownBy(() -> ConfigSpec.builder().intParam("a", 1, 0, 2, "x").intParam("A", 1, 0, 2, "y"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ConfigSpec.builder().intParam("a", 5, 0, 2, "x"))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void durationsParse() {
    assertThat(ConfigSpec.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigSpec.parseDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(ConfigSpec.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(ConfigSpec.parseDuration("PT12H")).isEqualTo(Duration.ofHours(12));
    assertThat(ConfigSpec.parseDuration("12")).isNull();
    assertThat(ConfigSpec.parseDuration("h")).isNull();
    assertThat(ConfigSpec.parseDuration("3 fortnights")).isNull();
  }
}
