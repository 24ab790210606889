package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM running the paper engine on a CSV replay with SIGKILL at random points, again
 * and again, and checks after every restart and at the end that the store, the paper venue and
 * the strategy's ladder agree. Also stops one with SIGTERM and expects exit code 0.
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // SIGKILL and SIGTERM through kill(1)
class RunCrashTest {
  private static final Pattern POSITION = Pattern.compile("\"positionQuantity\":([-0-9.E]+)");
  private static final Pattern VENUE = Pattern.compile("\"venuePositionQuantity\":([-0-9.E]+|null)");
  private static final Pattern FILLS = Pattern.compile("\"fills\":(\\d+)");

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir; // a failure keeps its store and venue

  /** A running child and its output, read on another thread so that the pipe never blocks it. */
  record Child(Process process, List<String> lines, CompletableFuture<String> started, CompletableFuture<Void> eof) {
    static Child start(PaperBot bot, String... extra) throws IOException {
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "dev.nanpin.cli.Main", "run", "--config", bot.yaml.toString()));
      cmd.addAll(List.of(extra));
      Process p = new ProcessBuilder(cmd).directory(bot.dir.toFile()).redirectErrorStream(true).start();
      List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<String> started = new CompletableFuture<>();
      CompletableFuture<Void> eof = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("nanpin run: started")) {
              started.complete(line);
            }
          }
        } catch (IOException e) {
          // the child was killed
        }
        started.complete(null);
        eof.complete(null);
      }, "child-output");
      reader.setDaemon(true);
      reader.start();
      return new Child(p, lines, started, eof);
    }

    /** Waits for the exit and for the last line of output. */
    boolean awaitExit(long millis) throws Exception {
      if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        return false;
      }
      eof.get(30, TimeUnit.SECONDS);
      return true;
    }

    String awaitStarted() throws Exception {
      // generous: a child JVM on a loaded 2-core machine can take a minute to start; still a deadline
      String line = started.get(180, TimeUnit.SECONDS);
      assertThat(line).as("child did not start: %s", lines).isNotNull();
      return line;
    }
  }

  /** Every match of {@code p} in {@code line}: one per ladder of a multi-symbol bot's status. */
  static List<Double> numbers(Pattern p, String line) {
    List<Double> out = new ArrayList<>();
    Matcher m = p.matcher(line);
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    assertThat(out).as(line).isNotEmpty();
    return out;
  }

  @Test
  void sigkillAtRandomPointsOfTheLadderLosesNothingAndDuplicatesNothing() throws Exception {
    crashAtRandom(new PaperBot(dir, 1000), 20);
  }

  /**
   * Two symbols, one ladder each on one paper pool: after every restart every ladder is restored
   * (its ledger holds the venue's position) and at the end every ladder agrees with the venue.
   */
  @Test
  void sigkillOfABotOfTwoSymbolsRestoresEveryLadderAndDuplicatesNothing() throws Exception {
    crashAtRandom(new PaperBot(dir, 500, List.of(PaperBot.SYMBOL, "ETH_USDC")), 8);
  }

  private void crashAtRandom(PaperBot bot, int killsWanted) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int kills = 0;
    long lastFills = 0;
    boolean finished = false;
    for (int run = 0; run < 2 * killsWanted && !(finished && kills >= killsWanted); run++) {
      Child child = Child.start(bot);
      String started = child.awaitStarted();
      // After every restart, reconciliation has run: every ladder's ledger holds the venue's position.
      List<Double> positions = numbers(POSITION, started);
      List<Double> venue = numbers(VENUE, started);
      assertThat(positions).as("ladders in %s", started).hasSize(bot.symbols.size());
      for (int i = 0; i < positions.size(); i++) {
        assertThat(positions.get(i)).as("seed %d run %d ladder %d: %s", seed, run, i, started)
            .isCloseTo(venue.get(i), org.assertj.core.data.Offset.offset(1e-9));
      }
      long fills = numbers(FILLS, started).stream().mapToLong(Double::longValue).sum();
      assertThat(fills).as("fills never go back").isGreaterThanOrEqualTo(lastFills);
      lastFills = fills;
      if (kills < killsWanted) {
        long delay = random.nextInt(150); // about 50 bars at full speed: kills land all over the ladder
        if (!child.awaitExit(delay)) {
          child.process().destroyForcibly(); // SIGKILL
          child.process().waitFor(30, TimeUnit.SECONDS);
          kills++;
          continue;
        }
      } else {
        assertThat(child.awaitExit(60_000)).isTrue();
      }
      assertThat(child.process().exitValue()).as("seed %d: %s", seed, child.lines()).isZero();
      finished = child.lines().stream().anyMatch(l -> l.contains("replay finished"));
    }
    assertThat(kills).isGreaterThanOrEqualTo(killsWanted);
    assertThat(finished).isTrue();
    int fills = bot.assertConsistent();
    assertThat(fills).as("the ladders traded").isGreaterThan(10 * bot.symbols.size());
    System.out.printf("crash test: %s, %d SIGKILLs, %d fills, seed %d%n", bot.symbols, kills, fills, seed);
  }

  @Test
  void sigtermStopsGracefullyWithExitCodeZeroAndAConsistentStore() throws Exception {
    PaperBot bot = new PaperBot(dir, 400);
    Child child = Child.start(bot, "--speed", "36000"); // ten bars a second: still running when stopped
    child.awaitStarted();
    assertThat(child.process().waitFor(1500, TimeUnit.MILLISECONDS)).isFalse();

    // SIGTERM through kill(1): Process.destroy() would also close our end of the child's output.
    Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(child.process().pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(child.awaitExit(30_000)).isTrue();

    assertThat(child.process().exitValue()).as("%s", child.lines()).isZero();
    assertThat(child.lines()).as("%s", child.lines()).anyMatch(l -> l.startsWith("nanpin run: stopped"));
    assertThat(child.lines()).noneMatch(l -> l.contains("replay finished"));
    assertThat(Files.readString(bot.status)).contains("\"state\":\"stopped\"");
    bot.assertConsistent();
  }
}
