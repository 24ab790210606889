package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.ml.EnsembleModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlCommandTest {

  static Path randomWalk(Path dir, int n) throws IOException {
    SplittableRandom r = new SplittableRandom(4);
    StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
    double p = 100;
    for (int i = 0; i < n; i++) {
      double o = p;
      double c = o * Math.exp(0.02 * (r.nextDouble() - 0.5));
      double h = Math.max(o, c) * (1 + 0.01 * r.nextDouble());
      double l = Math.min(o, c) * (1 - 0.01 * r.nextDouble());
      csv.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%.6f,%.3f%n",
          Instant.ofEpochSecond(1_600_000_000L + i * 3600L), o, h, l, c, 10 + 100 * r.nextDouble()));
      p = c;
    }
    Path file = dir.resolve("walk.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void trainWritesAModelThatLoadsAndSaysItPrintsNoInSampleFigures(@TempDir Path dir) throws IOException {
    Path data = randomWalk(dir, 900);
    Path model = dir.resolve("m.bin");
    CliRunner r = CliRunner.run("ml", "train", "--data", data.toString(), "--horizon", "12", "--trees", "10",
        "--boost-rounds", "10", "--model", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("trained [forest, boosting, mlp]", "triple-barrier(h=12,up=0.02,down=0.02)",
        "in-sample figures are not printed", "wrote ");
    EnsembleModel m = EnsembleModel.load(model);
    assertThat(m.samples()).isEqualTo(900 - 168 - 12);
  }

  @Test
  void evaluatePrintsOutOfSampleFoldsBesideTheBaselineAndWritesJson(@TempDir Path dir) throws IOException {
    Path data = randomWalk(dir, 1400);
    Path json = dir.resolve("eval.json");
    CliRunner r = CliRunner.run("ml", "evaluate", "--data", data.toString(), "--horizon", "12", "--train", "500",
        "--test", "200", "--embargo", "6", "--trees", "10", "--boost-rounds", "10", "--members", "forest,mlp",
        "--json", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("rolling walk-forward", "purge 12 + embargo 6", "b.Brier", "beats the baseline's in");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.at("/assumptions/outOfSample").asBoolean()).isTrue();
    assertThat(root.at("/assumptions/purge").asInt()).isEqualTo(12);
    assertThat(root.get("folds")).hasSize(3);
    assertThat(root.at("/folds/0/members").has("forest")).isTrue();
    assertThat(root.at("/pooled/n").asInt()).isEqualTo(600);
    assertThat(r.out()).contains("ladder on the same test windows: nanpin", "entryGate = ml.recommendation != STRONG_SELL",
        "not annualised", "beats the plain one's in");
    JsonNode ladder = root.get("ladder");
    assertThat(ladder.at("/assumptions/gatedEntryGate").asText()).isEqualTo("ml.recommendation != STRONG_SELL");
    assertThat(ladder.at("/assumptions/capital").asDouble()).isEqualTo(10_000);
    assertThat(ladder.get("folds")).hasSize(3);
    for (JsonNode f : ladder.get("folds")) {
      assertThat(f.get("bars").asInt()).isEqualTo(200);
      assertThat(f.at("/plain/fills").asInt()).isPositive();
    }
  }

  /**
   * The ladder half compares like with like: a gate that always holds gives the plain ladder's
   * figures fold by fold, one that never holds keeps the gated ladder out of the market, and the
   * ladder's own entryGate is kept in both.
   */
  @Test
  void theGatedLadderDiffersFromThePlainOneOnlyByTheGate(@TempDir Path dir) throws IOException {
    Path data = randomWalk(dir, 1100);
    String[] common = {"ml", "evaluate", "--data", data.toString(), "--horizon", "12", "--train", "500", "--test", "200",
        "--embargo", "6", "--trees", "5", "--boost-rounds", "5", "--members", "forest"};
    JsonNode always = ladder(dir, "always.json", common, "--gate", "ml.probability >= 0");
    JsonNode never = ladder(dir, "never.json", common, "--gate", "ml.probability > 1");
    assertThat(always.get("folds")).hasSize(2);
    for (JsonNode f : always.get("folds")) {
      assertThat(f.get("gated")).isEqualTo(f.get("plain"));
      assertThat(f.at("/plain/fills").asInt()).isPositive();
    }
    for (JsonNode f : never.get("folds")) {
      assertThat(f.at("/gated/fills").asInt()).isZero();
      assertThat(f.at("/gated/periodReturn").asDouble()).isZero();
    }
    JsonNode own = ladder(dir, "own.json", common, "--set", "entryGate=ml.probability >= 0");
    assertThat(own.at("/assumptions/gatedEntryGate").asText())
        .isEqualTo("(ml.probability >= 0) and (ml.recommendation != STRONG_SELL)");
  }

  private static JsonNode ladder(Path dir, String name, String[] common, String... more) throws IOException {
    Path json = dir.resolve(name);
    String[] args = java.util.stream.Stream.of(common, more, new String[] {"--json", json.toString()})
        .flatMap(java.util.Arrays::stream).toArray(String[]::new);
    CliRunner r = CliRunner.run(args);
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(json.toFile()).get("ladder");
  }

  @Test
  void aBadLabelIsOneClearError(@TempDir Path dir) throws IOException {
    Path data = randomWalk(dir, 300);
    CliRunner r = CliRunner.run("ml", "evaluate", "--data", data.toString(), "--label", "up-or-down");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("--label must be triple-barrier or forward-return");
  }
}
