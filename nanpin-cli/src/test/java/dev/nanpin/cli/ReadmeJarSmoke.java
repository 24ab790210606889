package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs test: every fenced command and configuration of the README, run as a user runs them,
 * with the built launcher on the PATH, in a scratch folder beside {@code ../shared}. The
 * convention (stated in the README's "First steps"): an HTML comment on the line before a fence,
 * {@code <!-- docs-test: skip (REASON) -->} or {@code <!-- docs-test: stand-in SOURCE -->}; {@code
 * bash}/{@code sh} blocks run command by command and must exit 0; {@code yaml} blocks must pass
 * {@code nanpin config}; other languages are reported as not executable. Which blocks ran and which
 * were skipped, and why, is printed and written to {@code target/readme-blocks.txt}.
 */
class ReadmeJarSmoke {
  private static final Pattern MARKER = Pattern.compile("^<!--\\s*docs-test:\\s*(skip|stand-in)\\s*(.*?)\\s*-->\\s*$");

  record Block(int line, String lang, String marker, String argument, List<String> lines) {}

  static List<Block> blocks(List<String> readme) {
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      String l = readme.get(i);
      if (!l.startsWith("```")) {
        continue;
      }
      String lang = l.substring(3).trim();
      Matcher m = i > 0 ? MARKER.matcher(readme.get(i - 1).trim()) : null;
      int start = i;
      List<String> body = new ArrayList<>();
      for (i++; i < readme.size() && !readme.get(i).startsWith("```"); i++) {
        body.add(readme.get(i));
      }
      boolean marked = m != null && m.matches();
      out.add(new Block(start + 1, lang, marked ? m.group(1) : null, marked ? m.group(2) : null, body));
    }
    return out;
  }

  /** The commands of a shell block: continuation lines joined, blank lines and whole-line comments dropped. */
  static List<String> commands(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String raw : lines) {
      String l = raw.strip();
      if (cur.length() == 0 && (l.isEmpty() || l.startsWith("#"))) {
        continue;
      }
      if (l.endsWith("\\")) {
        cur.append(l, 0, l.length() - 1).append(' ');
      } else {
        out.add(cur.append(l).toString());
        cur.setLength(0);
      }
    }
    return out;
  }

  @Test
  void everyCommandAndConfigOfTheReadmeRuns(@TempDir Path tmp) throws Exception {
    Path readme = Path.of("..", "README.md");
    Path launcherDir = Path.of("target").toAbsolutePath();
    assertThat(launcherDir.resolve("nanpin")).isExecutable();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    Path work = Files.createDirectory(tmp.resolve("work"));
    Path shared = Path.of(System.getProperty("nanpin.shared.dir", "../../shared")).toAbsolutePath().normalize();
    boolean haveShared = Files.isDirectory(shared.resolve("data"));
    if (haveShared) {
      Files.createSymbolicLink(tmp.resolve("shared"), shared);
    }
    // The work folder stands for the clone's root: the modules' folders are linked into it, so that
    // commands naming nanpin-examples/target/... resolve as they do for a user.
    try (var modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
      for (Path m : modules.filter(d -> d.getFileName().toString().startsWith("nanpin-")).toList()) {
        Files.createSymbolicLink(work.resolve(m.getFileName()), m);
      }
    }
    Pattern built = Pattern.compile("(nanpin-[a-z-]+/target/[^\\s:;]+\\.jar)");
    List<String> report = new ArrayList<>();
    try (MockWebServer gecko = new MockWebServer()) {
      gecko.setDispatcher(new MarketChart());
      gecko.start(java.net.InetAddress.getLoopbackAddress(), 0);
      for (Block b : blocks(Files.readAllLines(readme, StandardCharsets.UTF_8))) {
        String where = "README.md:" + b.line() + " (" + (b.lang().isEmpty() ? "no language" : b.lang()) + ")";
        if ("skip".equals(b.marker())) {
          report.add("SKIPPED " + where + " " + b.argument());
          continue;
        }
        switch (b.lang()) {
          case "bash", "sh", "console" -> {
            for (String command : commands(b.lines())) {
              if (command.contains("../shared/") && !haveShared) {
                report.add("SKIPPED " + where + " needs ../shared/data, absent here: " + command);
                continue;
              }
              Matcher jar = built.matcher(command);
              if (jar.find() && !Files.exists(work.resolve(jar.group(1)))) {
                // in the reactor, modules after nanpin-cli (nanpin-examples) are packaged after this test
                report.add("SKIPPED " + where + " needs " + jar.group(1) + ", not built yet: " + command);
                continue;
              }
              String run = command;
              if ("stand-in".equals(b.marker())) {
                assertThat(b.argument()).as(where + " stand-in").isEqualTo("coingecko");
                if (command.startsWith("nanpin data ")) {
                  run = command + " --base-url coingecko=" + gecko.url("/api/v3");
                }
              }
              String out = sh(work, launcherDir, run);
              report.add("RAN     " + where + " " + command);
              assertThat(out).as(where + ": " + command).doesNotStartWith("nanpin:");
            }
          }
          case "yaml", "yml" -> {
            Path file = work.resolve("readme-" + b.line() + ".yaml");
            Files.write(file, b.lines(), StandardCharsets.UTF_8);
            sh(work, launcherDir, "nanpin config --config " + file.getFileName());
            report.add("RAN     " + where + " nanpin config --config " + file.getFileName());
          }
          default -> report.add("NOT RUN " + where + " not a command or configuration");
        }
      }
    }
    String text = String.join(System.lineSeparator(), report) + System.lineSeparator();
    System.out.print(text);
    Files.writeString(Path.of("target", "readme-blocks.txt"), text);
    assertThat(report).anyMatch(r -> r.startsWith("RAN") && r.contains("nanpin backtest --data btc-30d.csv"));
    assertThat(work.resolve("btc-backtest/report.html")).exists();
    assertThat(work.resolve("bot.yaml")).exists();
  }

  private static String sh(Path work, Path launcherDir, String command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", launcherDir + java.io.File.pathSeparator + pb.environment().getOrDefault("PATH", ""));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(600, TimeUnit.SECONDS)).as(command).isTrue();
    assertThat(p.exitValue()).as(command + "\n" + out).isZero();
    return out;
  }

  /** CoinGecko's market_chart/range, answered with hourly points of a deterministic wave over the asked range. */
  private static final class MarketChart extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String from = request.getUrl().queryParameter("from");
      String to = request.getUrl().queryParameter("to");
      if (!request.getUrl().encodedPath().endsWith("/market_chart/range") || from == null || to == null) {
        return new MockResponse.Builder().code(404).body("{\"error\":\"not found\"}").build();
      }
      Instant t = Instant.ofEpochSecond(Long.parseLong(from)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      Instant end = Instant.ofEpochSecond(Long.parseLong(to));
      StringBuilder prices = new StringBuilder();
      for (int i = 0; t.isBefore(end); i++, t = t.plus(Duration.ofHours(1))) {
        prices.append(i == 0 ? "" : ",").append('[').append(t.toEpochMilli()).append(',')
            .append(String.format(Locale.ROOT, "%.2f", 60_000 * (1 + 0.08 * Math.sin(i / 15.0)))).append(']');
      }
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .body("{\"prices\":[" + prices + "],\"market_caps\":[],\"total_volumes\":[]}").build();
    }
  }
}
