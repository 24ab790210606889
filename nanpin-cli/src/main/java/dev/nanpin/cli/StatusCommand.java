package dev.nanpin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.AccountState;
import dev.nanpin.Fill;
import dev.nanpin.Position;
import dev.nanpin.store.AuditEntry;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.StateKind;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoredOrder;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nanpin status --store bot.db}: what a bot's state store says now. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a bot's state from its store: positions, open orders, equity, fills, plugin state and "
        + "the latest reconciliation decisions.")
final class StatusCommand implements Callable<Integer> {
  @Mixin
  private StoreOptionsMixin storeOptions;

  @Spec
  private CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  private boolean json;

  @Option(names = "--audit", defaultValue = "5", paramLabel = "N",
      description = "How many of the latest audit-log entries to show (default ${DEFAULT-VALUE}).")
  private int auditRows;

  @Override
  public Integer call() throws Exception {
    if (auditRows <= 0) {
      throw new IllegalArgumentException("--audit must be > 0: " + auditRows);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StateStore store = storeOptions.open()) {
      Snapshot s = Snapshot.read(store, auditRows, Clock.systemUTC().instant());
      if (json) {
        out.println(toJson(s));
      } else {
        print(s, out);
      }
    }
    return 0;
  }

  /** Everything the command shows, read once. */
  record Snapshot(String url, int schema, long lastClientId, List<StoredOrder> openOrders, List<Position> positions,
      Optional<AccountState> equity, long fills, Optional<Fill> lastFill, List<String> strategyOwners,
      List<String> sizerOwners, List<AuditEntry> audit, Optional<Instant> lastEvent, Instant now,
      Optional<AccountState> firstEquity, Map<String, String> ledger, Map<String, Map<String, String>> ladders) {

    static Snapshot read(StateStore store, int auditRows, Instant now) {
      List<StoredOrder> open = store.openOrders();
      Optional<AccountState> equity = store.latestEquity();
      Optional<Fill> lastFill = store.lastFill();
      List<AuditEntry> audit = store.auditLog(auditRows);
      List<Position> positions = store.latestPositions();
      Optional<Instant> lastEvent = Stream.of(
              lastFill.map(Fill::time),
              equity.map(AccountState::time),
              audit.stream().findFirst().map(AuditEntry::time),
              positions.stream().map(Position::time).max(Instant::compareTo),
              store.recentOrders(1).stream().findFirst().map(StoredOrder::updatedAt))
          .flatMap(Optional::stream).max(Instant::compareTo);
      return new Snapshot(store.jdbcUrl(), store.schemaVersion(), store.lastClientId(), open, positions, equity,
          store.fillCount(), lastFill, store.stateOwners(StateKind.STRATEGY), store.stateOwners(StateKind.SIZER),
          audit, lastEvent, now, store.equityHistory(Instant.EPOCH, now).stream().findFirst(),
          store.loadState(StateKind.STRATEGY, LEDGER_OWNER), ladders(store));
    }

    /** A multi-symbol bot's ledger per symbol (owners {@code engine.ledger@SYMBOL}), in symbol order. */
    static Map<String, Map<String, String>> ladders(StateStore store) {
      Map<String, Map<String, String>> out = new java.util.TreeMap<>();
      String prefix = LEDGER_OWNER + "@";
      for (String owner : store.stateOwners(StateKind.STRATEGY)) {
        if (owner.startsWith(prefix)) {
          out.put(owner.substring(prefix.length()), store.loadState(StateKind.STRATEGY, owner));
        }
      }
      return out;
    }
  }

  private static void print(Snapshot s, PrintWriter out) {
    out.printf(Locale.ROOT, "store        %s (schema %d)%n", s.url(), s.schema());
    out.printf(Locale.ROOT, "last event   %s%n", s.lastEvent().map(t -> t + " (" + age(t, s.now()) + " ago)").orElse("none"));
    out.printf(Locale.ROOT, "client ids   last allocated %d%n", s.lastClientId());
    out.printf(Locale.ROOT, "equity       %s%n", s.equity().map(a -> "%s (collateral %s, free margin %s, margin in use %s) at %s"
        .formatted(money(a.equity()), money(a.collateral()), money(a.freeMargin()), money(a.marginInUse()), a.time()))
        .orElse("no snapshot"));
    printMoney(s, out);
    out.printf(Locale.ROOT, "fills        %d%s%n", s.fills(), s.lastFill().map(f -> ", last %s %s %s @ %s at %s"
        .formatted(f.fillId(), f.side(), plain(f.quantity()), plain(f.price()), f.time())).orElse(""));
    out.printf(Locale.ROOT, "state        strategy %s; sizer %s%n", names(s.strategyOwners()), names(s.sizerOwners()));
    out.println();
    out.println("positions (" + s.positions().size() + ")");
    if (!s.positions().isEmpty()) {
      out.printf(Locale.ROOT, "  %-16s %14s %14s %14s %14s %14s  %s%n", "SYMBOL", "QUANTITY", "ENTRY", "MARK", "UPNL",
          "LIQUIDATION", "AS OF");
      for (Position p : s.positions()) {
        out.printf(Locale.ROOT, "  %-16s %14s %14s %14s %14s %14s  %s%n", p.symbol(), plain(p.quantity()),
            money(p.entryPrice()), money(p.markPrice()), signed(p.unrealizedPnl()),
            p.liquidationPrice() == null ? "-" : money(p.liquidationPrice()), p.time());
      }
    }
    long sending = s.openOrders().stream().filter(o -> o.state() == OrderState.SENDING).count();
    out.println();
    out.println("open orders (" + s.openOrders().size() + (sending > 0 ? ", " + sending + " sending" : "") + ")");
    OrdersCommand.printTable(s.openOrders(), out);
    out.println();
    out.println("audit log (latest " + s.audit().size() + ")");
    for (AuditEntry a : s.audit()) {
      out.printf(Locale.ROOT, "  %s  %-18s %-20s %-7s %s%n", a.time(), a.action(), a.subject(),
          a.changed() ? "changed" : "-", a.detail());
    }
    out.flush();
  }

  /** The engine's ledger in the store (its owner name in the strategy state). */
  static final String LEDGER_OWNER = "engine.ledger";

  /**
   * Equity change since the first snapshot, unrealised P&amp;L (the positions' marks) and realised
   * P&amp;L, net of fees and funding, as the equity change less the unrealised part (a bot starts
   * flat), then the ladder: entries filled, average entry, resting buys and sells.
   */
  private static void printMoney(Snapshot s, PrintWriter out) {
    BigDecimal unrealised = s.positions().stream().map(Position::unrealizedPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (s.equity().isPresent() && s.firstEquity().isPresent()) {
      BigDecimal first = s.firstEquity().get().equity();
      BigDecimal change = s.equity().get().equity().subtract(first);
      String pct = first.signum() > 0 ? String.format(Locale.ROOT, " (%+.2f %%)",
          change.doubleValue() / first.doubleValue() * 100) : "";
      out.printf(Locale.ROOT, "change       %s%s since %s (equity %s then)%n", signed(change), pct,
          s.firstEquity().get().time(), money(first));
      out.printf(Locale.ROOT, "P&L          realised %s (net of fees and funding), unrealised %s%n",
          signed(change.subtract(unrealised)), signed(unrealised));
    } else {
      out.printf(Locale.ROOT, "P&L          unrealised %s (no equity snapshot yet for the rest)%n", signed(unrealised));
    }
    if (s.ladders().isEmpty()) {
      printLadder("ladder      ", s.ledger(), s.openOrders(), out);
    } else {
      // a multi-symbol bot: one line per symbol's ladder
      s.ladders().forEach((symbol, ledger) -> printLadder(String.format(Locale.ROOT, "ladder %-6s", symbol), ledger,
          s.openOrders().stream().filter(o -> o.symbol().equals(symbol)).toList(), out));
    }
  }

  private static void printLadder(String label, Map<String, String> ledger, List<StoredOrder> open, PrintWriter out) {
    long buys = open.stream().filter(o -> o.side() == dev.nanpin.Side.BUY).count();
    long sells = open.size() - buys;
    Optional<BigDecimal> lowestBuy = open.stream().filter(o -> o.side() == dev.nanpin.Side.BUY)
        .map(StoredOrder::limitPrice).filter(java.util.Objects::nonNull).min(BigDecimal::compareTo);
    String entries = ledger.containsKey("entryCount") ? ledger.get("entryCount")
        + ("1".equals(ledger.get("entryCount")) ? " entry" : " entries") + " filled"
        + (ledger.containsKey("avgEntry") && !"0.0".equals(ledger.get("avgEntry"))
            && !"NaN".equals(ledger.get("avgEntry"))
            ? ", average entry " + money(new BigDecimal(ledger.get("avgEntry"))) : "")
        : "no ledger yet";
    out.printf(Locale.ROOT, "%s %s; %d buy order%s resting%s, %d sell order%s resting%n", label, entries, buys,
        buys == 1 ? "" : "s", lowestBuy.map(p -> " (lowest at " + money(p) + ")").orElse(""), sells, sells == 1 ? "" : "s");
  }

  /** Money for people: thousands grouped, two decimals (more when the amount is below 1). */
  static String money(BigDecimal v) {
    int scale = v.abs().compareTo(BigDecimal.ONE) < 0 && v.signum() != 0 ? 6 : 2;
    return String.format(Locale.ROOT, "%,." + scale + "f", v.setScale(scale, java.math.RoundingMode.HALF_EVEN));
  }

  static String signed(BigDecimal v) {
    return (v.signum() > 0 ? "+" : "") + money(v);
  }

  private static String names(List<String> owners) {
    return owners.isEmpty() ? "(none)" : String.join(", ", owners);
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  static String age(Instant t, Instant now) {
    Duration d = Duration.between(t, now);
    if (d.isNegative()) {
      return "0s";
    }
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    if (s < 172_800) {
      return (s / 3600) + "h";
    }
    return (s / 86_400) + "d";
  }

  private static String toJson(Snapshot s) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("store", s.url());
    root.put("schemaVersion", s.schema());
    root.put("now", s.now().toString());
    s.lastEvent().ifPresentOrElse(t -> {
      root.put("lastEvent", t.toString());
      root.put("lastEventAgeSeconds", Math.max(0, Duration.between(t, s.now()).toSeconds()));
    }, () -> root.putNull("lastEvent"));
    root.put("lastClientId", s.lastClientId());
    s.equity().ifPresentOrElse(a -> {
      ObjectNode e = root.putObject("equity");
      e.put("equity", plain(a.equity()));
      e.put("collateral", plain(a.collateral()));
      e.put("freeMargin", plain(a.freeMargin()));
      e.put("marginInUse", plain(a.marginInUse()));
      e.put("time", a.time().toString());
    }, () -> root.putNull("equity"));
    root.put("fillCount", s.fills());
    if (!s.ladders().isEmpty()) {
      // a multi-symbol bot: each symbol's ledger (position, entries, average entry)
      var ladders = root.putObject("ladders");
      s.ladders().forEach((symbol, ledger) -> {
        var l = ladders.putObject(symbol);
        ledger.forEach(l::put);
      });
    }
    s.lastFill().ifPresentOrElse(f -> OrdersCommand.fillJson(root.putObject("lastFill"), f),
        () -> root.putNull("lastFill"));
    ArrayNode positions = root.putArray("positions");
    for (Position p : s.positions()) {
      ObjectNode n = positions.addObject();
      n.put("symbol", p.symbol());
      n.put("quantity", plain(p.quantity()));
      n.put("entryPrice", plain(p.entryPrice()));
      n.put("markPrice", plain(p.markPrice()));
      n.put("unrealizedPnl", plain(p.unrealizedPnl()));
      if (p.liquidationPrice() == null) {
        n.putNull("liquidationPrice");
      } else {
        n.put("liquidationPrice", plain(p.liquidationPrice()));
      }
      n.put("time", p.time().toString());
    }
    ArrayNode open = root.putArray("openOrders");
    s.openOrders().forEach(o -> OrdersCommand.orderJson(open.addObject(), o));
    ObjectNode state = root.putObject("stateOwners");
    s.strategyOwners().forEach(state.putArray("strategy")::add);
    s.sizerOwners().forEach(state.putArray("sizer")::add);
    if (s.strategyOwners().isEmpty()) {
      state.putArray("strategy");
    }
    if (s.sizerOwners().isEmpty()) {
      state.putArray("sizer");
    }
    ArrayNode audit = root.putArray("audit");
    for (AuditEntry a : s.audit()) {
      ObjectNode n = audit.addObject();
      n.put("id", a.id());
      n.put("time", a.time().toString());
      n.put("action", a.action());
      n.put("subject", a.subject());
      n.put("changed", a.changed());
      n.put("detail", a.detail());
    }
    return mapper.writeValueAsString(root);
  }
}
