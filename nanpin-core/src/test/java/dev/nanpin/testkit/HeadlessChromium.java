package dev.nanpin.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs a headless Chromium for page checks; tests skip when there is none. */
public final class HeadlessChromium {
  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** @return the browser, or empty when this machine has none */
  public static Optional<HeadlessChromium> find() {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("CHROME_BIN");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable"));
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isExecutable(p)) {
        return Optional.of(new HeadlessChromium(p));
      }
    }
    return Optional.empty();
  }

  /** Flags for a closed network: no background connections, no first-run work, no sandbox as root. */
  private List<String> command(Path profile, String... extra) {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
    cmd.addAll(List.of(extra));
    return cmd;
  }

  /**
   * @param html a page file
   * @param workDir a scratch folder
   * @return the DOM after the page's scripts ran
   * @throws IOException when the browser fails
   * @throws InterruptedException when interrupted
   */
  public String dumpDom(Path html, Path workDir) throws IOException, InterruptedException {
    return dumpDom(html.toUri().toString(), workDir);
  }

  /**
   * @param url a page address (a loopback server in tests)
   * @param workDir a scratch folder
   * @return the DOM after the page's scripts ran
   * @throws IOException when the browser fails
   * @throws InterruptedException when interrupted
   */
  public String dumpDom(String url, Path workDir) throws IOException, InterruptedException {
    return run(command(workDir.resolve("profile-dom"), "--virtual-time-budget=5000", "--dump-dom", url), workDir);
  }

  /**
   * @param html a page file
   * @param png where to write the screenshot
   * @param width window width
   * @param height window height
   * @param workDir a scratch folder
   * @throws IOException when the browser fails
   * @throws InterruptedException when interrupted
   */
  public void screenshot(Path html, Path png, int width, int height, Path workDir) throws IOException, InterruptedException {
    run(command(workDir.resolve("profile-shot"), "--screenshot=" + png, "--window-size=" + width + "," + height,
        html.toUri().toString()), workDir);
  }

  private static String run(List<String> cmd, Path workDir) throws IOException, InterruptedException {
    Path out = workDir.resolve("chromium-" + System.nanoTime() + ".out");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(workDir.resolve("chromium-stderr.log").toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish in 90 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
