package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's one-machine Spark command as written, on the packaged {@code nanpin.jar} with
 * Spark's jars in front ({@code $SPARK_HOME/jars/*} is the resolved Spark class path here), and
 * checks that the sweep it writes is the one {@code --engine local} writes.
 */
class SparkReadmeJarSmoke {
  private static final String MARKER = "java -cp \"$SPARK_HOME/jars/*:nanpin-cli/target/nanpin.jar\"";

  @TempDir
  Path dir;

  @Test
  void theReadmesLocalStarCommandGivesTheLocalSweep() throws Exception {
    Path shared = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"));
    assumeTrue(Files.isDirectory(shared.resolve("data")), "shared data absent");
    List<String> command = readmeCommand();
    List<String> args = new ArrayList<>();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = Path.of("target", "nanpin.jar").toAbsolutePath().toString();
    for (String a : command) {
      if (a.equals("java")) {
        args.add(javaBin);
      } else if (a.equals("$SPARK_HOME/jars/*:nanpin-cli/target/nanpin.jar")) {
        args.add(System.getProperty("spark.classpath") + java.io.File.pathSeparator + jar);
      } else if (a.startsWith("../shared/")) {
        args.add(shared.resolve(a.substring("../shared/".length())).toAbsolutePath().toString());
      } else {
        args.add(a);
      }
    }
    List<String> sparkRun = new ArrayList<>(args);
    sparkRun.addAll(List.of("--out", dir.resolve("spark.csv").toString())); // outputs are never overwritten
    String out = run(sparkRun);
    assertThat(out).contains("computed on spark, master local[*]");
    String spark = Files.readString(dir.resolve("spark.csv"));

    List<String> local = new ArrayList<>(List.of(javaBin, "-jar", jar));
    local.addAll(args.subList(args.indexOf("dev.nanpin.cli.Main") + 1, args.size()));
    int engine = local.indexOf("--engine");
    local.subList(engine, engine + 4).clear(); // --engine spark --master local[*]
    local.addAll(List.of("--out", dir.resolve("local.csv").toString()));
    assertThat(run(local)).contains("computed on local");
    assertThat(Files.readString(dir.resolve("local.csv"))).isEqualTo(spark);
  }

  /** The README's command: the marker line and its continuation, split as a shell would. */
  private static List<String> readmeCommand() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(MARKER)) {
        String text = lines.get(i).replace("\\", "") + " " + lines.get(i + 1).trim();
        return split(text);
      }
    }
    throw new AssertionError("README has no line starting with " + MARKER);
  }

  private static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char c : text.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
      }
    }
    if (any || cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
