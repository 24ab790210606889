package dev.nanpin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.ConfigException;
import dev.nanpin.InstrumentKind;
import dev.nanpin.risk.LadderPlan;
import dev.nanpin.risk.LadderPlanner;
import dev.nanpin.risk.MarginMode;
import dev.nanpin.risk.PlanRequest;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.PluginProvider;
import dev.nanpin.strategy.NanpinConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nanpin plan}: the level-by-level table of a nanpin ladder for a balance and a price,
 * checked for funding and liquidation. Exits 1 with the reason when the check fails.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print the ladder plan of the nanpin strategy for a balance and a price: each level's price,"
        + " size, cumulative size, average entry, take-profit, liquidation price after its fill and capital in use.",
        "Exits 1 when a fully filled ladder would be liquidated before (or within the buffer of) a level it still"
            + " has to fill, or cannot be funded."})
final class PlanCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--strategy", defaultValue = "nanpin", description = "Strategy id (default: ${DEFAULT-VALUE}).")
  private String strategy;

  @Option(names = "--balance", required = true, description = "Quote balance (spot) or futures collateral (perp).")
  private double balance;

  @Option(names = "--price", required = true, description = "Current price: the entry of a step ladder.")
  private double price;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A strategy parameter; repeatable. 'nanpin plugins --params' lists them.")
  private Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--market", paramLabel = "spot|perp",
      description = "Market kind (default: perp when leverage > 1, else spot).")
  private InstrumentKind market;

  @Option(names = "--margin-mode", defaultValue = "cross", paramLabel = "isolated|cross",
      description = "Perp margin mode (default: ${DEFAULT-VALUE}).")
  private MarginMode marginMode;

  @Mixin
  private MarginOptions margin;

  @Option(names = "--maker-fee", defaultValue = "0", description = "Maker fee rate, 0.0002 = 2 bps (default: 0).")
  private double makerFee;

  @Option(names = "--taker-fee", defaultValue = "0", description = "Taker fee rate (default: 0).")
  private double takerFee;

  @Option(names = "--base-quote", description = "Quote notional of level 1 (default: spend the whole budget over"
      + " the fully filled ladder).")
  private Double baseQuote;

  @Option(names = "--swing-high", description = "Swing high, for levelMode=fibonacci.")
  private Double swingHigh;

  @Option(names = "--swing-low", description = "Swing low, for levelMode=fibonacci.")
  private Double swingLow;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    PluginProvider<?> provider = root.plugins().provider(PluginFamily.STRATEGY, strategy);
    if (provider.configSpec() != NanpinConfig.SPEC) {
      throw new ConfigException("strategy", "nanpin plan plans the nanpin ladder; strategy '%s' is not one"
          .formatted(strategy));
    }
    NanpinConfig cfg = NanpinConfig.from(provider.configSpec().resolve(settings));
    if (cfg.levelMode() == dev.nanpin.strategy.LevelMode.FIBONACCI && (swingHigh == null || swingLow == null)) {
      throw new ConfigException("swing-high", "levelMode=fibonacci needs --swing-high and --swing-low");
    }
    InstrumentKind kind = market != null ? market : cfg.leverage() > 1 ? InstrumentKind.PERP : InstrumentKind.SPOT;
    PlanRequest request = new PlanRequest(balance, price, baseQuote == null ? Double.NaN : baseQuote, kind,
        marginMode, margin.function(), makerFee, takerFee,
        swingHigh == null ? Double.NaN : swingHigh, swingLow == null ? Double.NaN : swingLow);
    LadderPlan plan = LadderPlanner.plan(cfg, request);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(cfg, plan));
    } else {
      printTable(cfg, plan, out);
    }
    out.flush();
    if (!plan.accepted()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("nanpin: plan refused: " + plan.rejection().orElseThrow().message());
      err.flush();
      return 1;
    }
    return 0;
  }

  private void printTable(NanpinConfig cfg, LadderPlan plan, PrintWriter out) {
    PlanRequest r = plan.request();
    out.printf(Locale.ROOT, "nanpin plan: %s, %d levels (%s), balance %s, price %s%n",
        r.kind().name().toLowerCase(Locale.ROOT), cfg.maxLevels(), cfg.levelMode().name().toLowerCase(Locale.ROOT),
        num(r.balance()), num(r.price()));
    if (r.perp()) {
      out.printf(Locale.ROOT, "leverage %sx, %s margin, mmf %s + %s*sqrt(notional), liquidation buffer %s%n",
          num(plan.leverage()), r.marginMode().name().toLowerCase(Locale.ROOT), num(margin.mmfBase), num(margin.mmfFactor),
          pct(cfg.liquidationBuffer()));
    }
    out.printf(Locale.ROOT, "fees maker %s taker %s, base order %s quote%n", pct(r.makerFee()), pct(r.takerFee()),
        num(plan.baseQuote()));
    out.printf(Locale.ROOT, "%5s %14s %12s %14s %14s %14s %14s %14s %14s %12s%n", "level", "price", "order quote",
        "order qty", "cum qty", "avg entry", "break-even", "take-profit", "liquidation", "capital");
    for (LadderPlan.Level l : plan.levels()) {
      out.printf(Locale.ROOT, "%5d %14s %12s %14s %14s %14s %14s %14s %14s %12s%n", l.level(), num(l.price()),
          num(l.orderQuote()), qty(l.orderQuantity()), qty(l.cumulativeQuantity()), num(l.averageEntry()),
          num(l.breakEven()), num(l.takeProfitPrice()), liq(l.liquidationPrice()), num(l.capitalInUse()));
    }
    out.println(plan.accepted() ? "check: accepted" : "check: REFUSED");
  }

  private String toJson(NanpinConfig cfg, LadderPlan plan) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode node = mapper.createObjectNode();
    PlanRequest r = plan.request();
    node.put("strategy", strategy);
    node.put("market", r.kind().name().toLowerCase(Locale.ROOT));
    node.put("balance", r.balance());
    node.put("price", r.price());
    node.put("leverage", plan.leverage());
    node.put("marginMode", r.marginMode().name().toLowerCase(Locale.ROOT));
    node.put("mmfBase", margin.mmfBase);
    node.put("mmfFactor", margin.mmfFactor);
    node.put("makerFee", r.makerFee());
    node.put("takerFee", r.takerFee());
    node.put("liquidationBuffer", cfg.liquidationBuffer());
    node.put("baseQuote", plan.baseQuote());
    ArrayNode levels = node.putArray("levels");
    for (LadderPlan.Level l : plan.levels()) {
      ObjectNode ln = levels.addObject();
      ln.put("level", l.level());
      ln.put("price", l.price());
      ln.put("orderQuote", l.orderQuote());
      ln.put("orderQuantity", l.orderQuantity());
      ln.put("cumulativeQuantity", l.cumulativeQuantity());
      ln.put("cumulativeQuote", l.cumulativeQuote());
      ln.put("averageEntry", l.averageEntry());
      ln.put("breakEven", l.breakEven());
      putNumberOrNull(ln, "takeProfitPrice", l.takeProfitPrice());
      putNumberOrNull(ln, "liquidationPrice", l.liquidationPrice());
      ln.put("capitalInUse", l.capitalInUse());
    }
    node.put("accepted", plan.accepted());
    if (plan.rejection().isPresent()) {
      LadderPlan.Rejection rej = plan.rejection().get();
      ObjectNode rn = node.putObject("rejection");
      rn.put("level", rej.level());
      putNumberOrNull(rn, "levelPrice", rej.levelPrice());
      putNumberOrNull(rn, "liquidationPrice", rej.liquidationPrice());
      rn.put("message", rej.message());
    }
    return mapper.writeValueAsString(node);
  }

  private static void putNumberOrNull(ObjectNode node, String name, double v) {
    if (Double.isNaN(v)) {
      node.putNull(name);
    } else {
      node.put(name, v);
    }
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 1 || v == 0 ? "%.2f" : "%.6g", v);
  }

  private static String qty(double v) {
    return String.format(Locale.ROOT, "%.8f", v);
  }

  private static String liq(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v == 0 ? "none" : num(v);
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.4g %%", fraction * 100);
  }
}
