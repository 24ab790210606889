package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void versionNamesTheRelease() {
    CliRunner r = CliRunner.run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("nanpin ").doesNotContain("unknown");
  }

  @Test
  void helpIsAvailableOnEveryCommand() {
    assertThat(CliRunner.run("--help").out()).contains("Usage: nanpin").contains("plugins");
    assertThat(CliRunner.run("plugins", "--help").out()).contains("Usage: nanpin plugins").contains("--json");
  }

  @Test
  void pluginsListsEveryFamily() {
    CliRunner r = CliRunner.run("plugins");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("strategy (").contains("sizer (").contains("data-source (").contains("exchange (");
  }

  @Test
  void pluginsJsonIsMachineReadable() throws Exception {
    CliRunner r = CliRunner.run("plugins", "--json");
    assertThat(r.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.has("strategy")).isTrue();
    assertThat(json.get("exchange").isArray()).isTrue();
    assertThat(json.get("problems").isArray()).isTrue();
  }

  @Test
  void usageErrorsExitTwoWithoutAStackTrace() {
    CliRunner r = CliRunner.run("no-such-command");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nanpin: Unmatched argument").doesNotContain("\tat ");
  }

  @Test
  void errorsPrintOneLineAndExitOne() {
    CliRunner r = CliRunner.run("--plugin-path", "/no/such/plugin.jar", "plugins");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("nanpin: --plugin-path entry does not exist: /no/such/plugin.jar");
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliRunner r = CliRunner.run("--verbose", "--plugin-path", "/no/such/plugin.jar", "plugins");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("\tat ").contains("nanpin: --plugin-path entry does not exist");
  }
}
