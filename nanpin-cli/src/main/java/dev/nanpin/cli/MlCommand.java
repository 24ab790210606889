package dev.nanpin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.ml.Dataset;
import dev.nanpin.ml.EnsembleModel;
import dev.nanpin.ml.EnsembleTrainer;
import dev.nanpin.ml.Folds;
import dev.nanpin.ml.LabelSpec;
import dev.nanpin.ml.MemberKind;
import dev.nanpin.ml.Scores;
import dev.nanpin.ml.WalkForwardEvaluation;
import dev.nanpin.Strategy;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.Report;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.spi.Plugins;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nanpin ml}: train and evaluate the ML ensemble signal. */
@Command(name = "ml", mixinStandardHelpOptions = true,
    description = "Train the ML ensemble on a bar CSV, or evaluate it out of sample by walk-forward.",
    subcommands = {MlCommand.Train.class, MlCommand.Evaluate.class})
final class MlCommand implements Runnable {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What to learn and from which data: shared by both subcommands. */
  static final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Bar CSV (timestamp,open,high,low,close,volume).")
    Path data;

    @Option(names = "--label", defaultValue = "triple-barrier", paramLabel = "triple-barrier|forward-return",
        description = "The label: which barrier is hit first, or the sign of the return at the horizon (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--horizon", defaultValue = "24", description = "Label horizon in bars (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--up", defaultValue = "0.02",
        description = "Upper barrier, or the return threshold of forward-return, as a fraction (default: ${DEFAULT-VALUE}).")
    double up;

    @Option(names = "--down", defaultValue = "0.02", description = "Lower barrier as a fraction (default: ${DEFAULT-VALUE}).")
    double down;

    @Option(names = "--members", defaultValue = "forest,boosting,mlp", split = ",",
        description = "Ensemble members (default: ${DEFAULT-VALUE}).")
    List<String> members;

    @Option(names = "--trees", defaultValue = "60", description = "Trees of the random forest (default: ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--boost-rounds", defaultValue = "60", description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
    int boostRounds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every member's randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    LabelSpec labelSpec() {
      return switch (label) {
        case "triple-barrier" -> LabelSpec.tripleBarrier(horizon, up, down);
        case "forward-return" -> LabelSpec.forwardReturn(horizon, up);
        default -> throw new IllegalArgumentException("--label must be triple-barrier or forward-return, was '" + label + "'");
      };
    }

    EnsembleTrainer trainer() {
      Set<MemberKind> kinds = EnumSet.noneOf(MemberKind.class);
      for (String m : members) {
        kinds.add(MemberKind.of(m.trim()));
      }
      return EnsembleTrainer.builder().members(kinds).trees(trees).boostRounds(boostRounds).seed(seed).build();
    }

    Dataset dataset() {
      return dataset(CsvBars.read(data));
    }

    Dataset dataset(BarData bars) {
      return Dataset.of(bars, labelSpec());
    }
  }

  /** {@code nanpin ml train}. */
  @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Train the ensemble on every labelled bar of the file (or its last --window bars) and save the model.")
  static final class Train implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions options = new DataOptions();

    @Option(names = "--window", defaultValue = "0", description = "Train on the last N labelled bars only; 0 for all (default).")
    private int window;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Where to write the model.")
    private Path model;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Dataset d = options.dataset();
      int from = window > 0 ? Math.max(0, d.size() - window) : 0;
      int[] y = d.labels(from, d.size());
      EnsembleModel m = options.trainer().train(d.rows(from, d.size()), y, d.features(),
          Instant.ofEpochMilli(d.times()[from]), Instant.ofEpochMilli(d.times()[d.size() - 1]), d.label().describe());
      m.save(model);
      double up = 0;
      for (int v : y) {
        up += v;
      }
      out.printf(Locale.ROOT, "trained %s on %d samples from %s to %s (label %s, %.1f %% up)%n",
          m.memberKinds().stream().map(MemberKind::id).toList(), m.samples(), m.trainedFrom(), m.trainedTo(),
          m.label(), 100 * up / y.length);
      out.printf(Locale.ROOT, "features: %d; in-sample figures are not printed: use 'nanpin ml evaluate' for out-of-sample ones%n",
          m.features().size());
      out.println("wrote " + model.toAbsolutePath());
      return 0;
    }
  }

  /** {@code nanpin ml evaluate}. */
  @Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Walk-forward evaluation: train on each fold's window (purged by the label horizon, then embargoed),"
          + " score on the next window beside the majority-class baseline of the same training window; then backtest"
          + " the nanpin ladder on each test window without and with a gate on the fold model's readings.",
          "Every figure printed is out of sample. The ladder takes the backtest options (--set, --sizer, --capital, --fee-bps, ...)."})
  static final class Evaluate implements Callable<Integer> {
    @ParentCommand
    private MlCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions options = new DataOptions();

    @Mixin
    private SimulationOptions sim;

    @Option(names = "--gate", defaultValue = MlLadder.DEFAULT_GATE, paramLabel = "EXPR",
        description = "The gated ladder's ML condition, joined with 'and' to any --set entryGate (default: ${DEFAULT-VALUE}).")
    private String gate;

    @Option(names = "--walk-forward", defaultValue = "rolling", paramLabel = "rolling|anchored",
        description = "Rolling or anchored training windows (default: ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--train", defaultValue = "2000", description = "Training window in bars (default: ${DEFAULT-VALUE}).")
    private int train;

    @Option(names = "--test", defaultValue = "500", description = "Test window in bars (default: ${DEFAULT-VALUE}).")
    private int test;

    @Option(names = "--embargo", defaultValue = "24", description = "Bars dropped after the purge (default: ${DEFAULT-VALUE}).")
    private int embargo;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    private Path json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Folds.Mode m = switch (mode) {
        case "rolling" -> Folds.Mode.ROLLING;
        case "anchored" -> Folds.Mode.ANCHORED;
        default -> throw new IllegalArgumentException("--walk-forward must be rolling or anchored, was '" + mode + "'");
      };
      Plugins plugins = parent.root.plugins();
      String gatedEntry = MlLadder.gate(sim.settings.get("entryGate"), gate);
      PluginFactory<Strategy> plain = sim.strategies(plugins, "nanpin", Map.of());
      PluginFactory<Strategy> gated = sim.strategies(plugins, "nanpin", Map.of("entryGate", gatedEntry));
      SimulationConfig config = sim.config(plugins);
      BarData bars = CsvBars.read(options.data);
      Dataset d = options.dataset(bars);
      WalkForwardEvaluation.Result r = WalkForwardEvaluation.run(d, options.trainer(), m, train, test, embargo);
      out.printf(Locale.ROOT, "%s, label %s, %s walk-forward: train %d bars, test %d, purge %d + embargo %d; %d folds%n",
          options.data.getFileName(), d.label().describe(), mode, train, test, d.label().horizon(), embargo, r.folds().size());
      out.printf(Locale.ROOT, "%-4s %-10s %-10s %5s %5s | %6s %6s %6s | %6s %6s | %s%n", "fold", "test from", "test to",
          "n", "up%", "acc", "AUC", "Brier", "b.acc", "b.Brier", "member AUC");
      int brierWins = 0;
      for (WalkForwardEvaluation.FoldResult f : r.folds()) {
        Scores e = f.ensemble();
        Scores b = f.baseline();
        brierWins += e.brier() < b.brier() ? 1 : 0;
        StringBuilder members = new StringBuilder();
        for (Map.Entry<MemberKind, Scores> ms : f.members().entrySet()) {
          members.append(String.format(Locale.ROOT, "%s %.3f  ", ms.getKey().id(), ms.getValue().auc()));
        }
        out.printf(Locale.ROOT, "%-4d %-10s %-10s %5d %5.1f | %6.3f %6.3f %6.4f | %6.3f %6.4f | %s%n", f.fold().index(),
            day(f.testFrom()), day(f.testTo()), e.n(), 100 * e.baseRate(), e.accuracy(), e.auc(), e.brier(),
            b.accuracy(), b.brier(), members.toString().trim());
      }
      Scores p = r.pooled();
      Scores pb = r.pooledBaseline();
      out.printf(Locale.ROOT, "all  %-21s %5d %5.1f | %6.3f %6.3f %6.4f | %6.3f %6.4f |%n", "", p.n(), 100 * p.baseRate(),
          p.accuracy(), p.auc(), p.brier(), pb.accuracy(), pb.brier());
      out.printf(Locale.ROOT, "the ensemble's Brier score beats the baseline's in %d of %d folds; pooled AUC %.3f (0.5 = no skill)%n",
          brierWins, r.folds().size(), p.auc());
      out.println("calibration (pooled): predicted -> observed (n)");
      for (double[] bin : p.calibration()) {
        out.printf(Locale.ROOT, "  %.2f -> %.2f (%d)%n", bin[0], bin[1], (long) bin[2]);
      }
      List<MlLadder.Row> ladder = MlLadder.run(bars, d, r, config, plain, gated, sim.sizers(plugins));
      printLadder(out, ladder, gatedEntry);
      if (json != null) {
        writeJson(r, d, ladder, sim.assumptions(plugins, "nanpin", Map.of(), spec).with("gatedEntryGate", gatedEntry));
        out.println("wrote " + json.toAbsolutePath());
      }
      return 0;
    }

    private void printLadder(PrintWriter out, List<MlLadder.Row> rows, String gatedEntry) {
      out.println();
      out.println("ladder on the same test windows: " + sim.describe("nanpin", Map.of()));
      out.println("gated: entryGate = " + gatedEntry + " (each bar's out-of-sample reading, replayed at its close)");
      out.println("each fold's backtests start flat on its first test bar; returns are the window's period return,"
          + " not annualised; a position open at the end is marked at the last close");
      out.printf(Locale.ROOT, "%-4s %-10s %-10s %5s %6s | %8s %7s %6s %5s | %8s %7s %6s %5s | %8s%n", "fold", "test from",
          "test to", "bars", "s.sell", "plain", "maxDD", "expo", "fills", "gated", "maxDD", "expo", "fills", "hold");
      int wins = 0;
      double sumPlain = 0;
      double sumGated = 0;
      for (MlLadder.Row row : rows) {
        Report p = row.plain();
        Report g = row.gated();
        wins += g.totalReturn() > p.totalReturn() ? 1 : 0;
        sumPlain += p.totalReturn();
        sumGated += g.totalReturn();
        out.printf(Locale.ROOT, "%-4d %-10s %-10s %5d %6d | %7.2f%% %6.2f%% %5.1f%% %5d | %7.2f%% %6.2f%% %5.1f%% %5d | %7.2f%%%n",
            row.fold().fold().index(), day(row.fold().testFrom()), day(row.fold().testTo()), row.bars(), row.strongSell(),
            100 * p.totalReturn(), 100 * p.maxDrawdown(), 100 * p.exposure(), p.fills(), 100 * g.totalReturn(),
            100 * g.maxDrawdown(), 100 * g.exposure(), g.fills(), 100 * p.buyAndHoldReturn());
      }
      int n = rows.size();
      out.printf(Locale.ROOT, "the gated ladder's return beats the plain one's in %d of %d folds; mean fold return: plain %.2f %%,"
          + " gated %.2f %% (s.sell: bars the ensemble said STRONG_SELL; hold: buy and hold of the window)%n",
          wins, n, n == 0 ? 0 : 100 * sumPlain / n, n == 0 ? 0 : 100 * sumGated / n);
    }

    private void writeJson(WalkForwardEvaluation.Result r, Dataset d, List<MlLadder.Row> rows,
        dev.nanpin.sim.Assumptions ladderAssumptions) throws java.io.IOException {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      ObjectNode assumptions = root.putObject("assumptions");
      assumptions.put("data", options.data.toString());
      assumptions.put("label", d.label().describe());
      assumptions.put("walkForward", mode);
      assumptions.put("train", train);
      assumptions.put("test", test);
      assumptions.put("purge", d.label().horizon());
      assumptions.put("embargo", embargo);
      assumptions.put("members", String.join(",", options.members));
      assumptions.put("trees", options.trees);
      assumptions.put("boostRounds", options.boostRounds);
      assumptions.put("seed", options.seed);
      assumptions.put("outOfSample", true);
      ArrayNode folds = root.putArray("folds");
      for (WalkForwardEvaluation.FoldResult f : r.folds()) {
        ObjectNode n = folds.addObject();
        n.put("fold", f.fold().index());
        n.put("trainFrom", f.trainFrom().toString());
        n.put("testFrom", f.testFrom().toString());
        n.put("testTo", f.testTo().toString());
        n.set("ensemble", scores(mapper, f.ensemble()));
        n.set("baseline", scores(mapper, f.baseline()));
        ObjectNode members = n.putObject("members");
        f.members().forEach((k, v) -> members.set(k.id(), scores(mapper, v)));
      }
      root.set("pooled", scores(mapper, r.pooled()));
      root.set("pooledBaseline", scores(mapper, r.pooledBaseline()));
      ObjectNode ladder = root.putObject("ladder");
      ladder.set("assumptions", mapper.readTree(ladderAssumptions.toJson("")));
      ladder.put("returns", "period returns of each test window, not annualised; each fold starts flat");
      ArrayNode ladderFolds = ladder.putArray("folds");
      for (MlLadder.Row row : rows) {
        ObjectNode n = ladderFolds.addObject();
        n.put("fold", row.fold().fold().index());
        n.put("testFrom", row.fold().testFrom().toString());
        n.put("testTo", row.fold().testTo().toString());
        n.put("bars", row.bars());
        n.put("strongSellBars", row.strongSell());
        n.put("buyAndHoldReturn", row.plain().buyAndHoldReturn());
        n.set("plain", ladderFigures(mapper, row.plain()));
        n.set("gated", ladderFigures(mapper, row.gated()));
      }
      mapper.writeValue(json.toFile(), root);
    }

    private static ObjectNode ladderFigures(ObjectMapper mapper, Report p) {
      ObjectNode n = mapper.createObjectNode();
      n.put("periodReturn", p.totalReturn());
      n.put("maxDrawdown", p.maxDrawdown());
      n.put("exposure", p.exposure());
      n.put("fills", p.fills());
      n.put("closedTrades", p.closedTrades());
      n.put("openTrade", p.openTrade());
      n.put("feesPaid", p.feesPaid());
      return n;
    }

    private static ObjectNode scores(ObjectMapper mapper, Scores s) {
      ObjectNode n = mapper.createObjectNode();
      n.put("n", s.n());
      n.put("baseRate", s.baseRate());
      n.put("accuracy", s.accuracy());
      if (Double.isNaN(s.auc())) {
        n.putNull("auc");
      } else {
        n.put("auc", s.auc());
      }
      n.put("brier", s.brier());
      n.put("logLoss", s.logLoss());
      ArrayNode cal = n.putArray("calibration");
      for (double[] bin : s.calibration()) {
        cal.addObject().put("predicted", bin[0]).put("observed", bin[1]).put("count", (long) bin[2]);
      }
      return n;
    }

    private static String day(Instant t) {
      return t.toString().substring(0, 10);
    }
  }

}
