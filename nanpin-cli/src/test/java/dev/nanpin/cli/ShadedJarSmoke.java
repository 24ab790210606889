package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged {@code target/nanpin.jar} as a user would ({@code java -jar}). Run by failsafe
 * after the package phase, so it checks the real shaded artifact: main class, merged service
 * files, no module descriptor clash.
 */
class ShadedJarSmoke {
  private static String run(String... args) throws IOException, InterruptedException {
    return runIn(Path.of("."), null, args);
  }

  private static String runIn(Path workDir, String heap, String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "nanpin.jar").toAbsolutePath();
    assertThat(jar).exists();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(javaBin));
    if (heap != null) {
      command.add(heap);
    }
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void theShadedJarRunsAndListsPlugins() throws Exception {
    assertThat(run("--version")).startsWith("nanpin ");
    String plugins = run("plugins");
    assertThat(plugins).contains("strategy (").contains("exchange (").doesNotContain("problem:");
    Files.writeString(Path.of("target", "plugins-listing.txt"), plugins);
  }

  @Test
  void theReadmesFirstCommandRunsInAQuarterGigabyteHeap(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // `nanpin montecarlo` with no arguments: the nanpin ladder on 4000 one-year hourly paths,
    // report.json and report.html in the working directory, with -Xmx256m as the issue demands
    String out = runIn(dir, "-Xmx256m", "montecarlo");
    assertThat(out).contains("Monte Carlo of nanpin").contains("4000 paths x 8760 bars").contains("Wrote report.html");
    assertThat(Files.readString(dir.resolve("report.json"))).contains("\"paths\": 4000,");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("data-chart=\"equity-fan\"");
    Files.writeString(Path.of("target", "montecarlo-smoke.txt"), out);
  }
}
