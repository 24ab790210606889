package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged {@code target/nanpin.jar} as a user would ({@code java -jar}). Run by failsafe
 * after the package phase, so it checks the real shaded artifact: main class, merged service
 * files, no module descriptor clash.
 */
class ShadedJarSmoke {
  private static String run(String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "nanpin.jar");
    assertThat(jar).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[args.length + 3];
    command[0] = java;
    command[1] = "-jar";
    command[2] = jar.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
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
}
