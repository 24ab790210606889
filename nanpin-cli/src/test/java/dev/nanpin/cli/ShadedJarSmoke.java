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
    // report.json and report.html in a new run folder nanpin-runs/montecarlo-<UTC time>/, with -Xmx256m
    String out = runIn(dir, "-Xmx256m", "montecarlo");
    assertThat(out).contains("Monte Carlo of nanpin").contains("4000 paths x 8760 bars");
    Path folder;
    try (var runs = Files.list(dir.resolve("nanpin-runs"))) {
      folder = runs.filter(f -> f.getFileName().toString().startsWith("montecarlo-")).findFirst().orElseThrow();
    }
    assertThat(out).contains("wrote " + folder.resolve("report.html").toRealPath());
    assertThat(Files.readString(folder.resolve("report.json"))).contains("\"paths\": 4000,");
    assertThat(Files.readString(folder.resolve("report.html"))).contains("data-chart=\"equity-fan\"");
    Files.writeString(Path.of("target", "montecarlo-smoke.txt"), out);
  }

  @Test
  void theLauncherNextToTheJarRunsItAndPassesTheExitCode(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path launcher = Path.of("target", "nanpin").toAbsolutePath();
    assertThat(launcher).exists().isExecutable();
    assertThat(Path.of("target", "nanpin.cmd")).exists();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh: Unix launcher not run");
    // through a symbolic link, as when it is linked into a folder on the PATH
    Path link = Files.createSymbolicLink(dir.resolve("nanpin"), launcher);
    Process ok = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true).start();
    String version = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).as(version).isZero();
    assertThat(version).startsWith("nanpin ");
    Process bad = new ProcessBuilder(link.toString(), "backtest", "--data", "no-such.csv", "--strategy", "nanpin")
        .directory(dir.toFile()).start();
    String err = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(bad.exitValue()).isEqualTo(1);
    assertThat(err).isEqualTo("nanpin: no-such.csv: file not found" + System.lineSeparator());
  }
}
