package dev.nanpin.cli;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.BarCsv;
import dev.nanpin.Instrument;
import dev.nanpin.MarkPrice;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.Position;
import dev.nanpin.Ticker;
import dev.nanpin.exchange.backpack.BackpackConfig;
import dev.nanpin.exchange.backpack.BackpackExchange;
import dev.nanpin.exchange.backpack.FundingRate;
import dev.nanpin.exchange.backpack.RawStreamListener;
import dev.nanpin.Subscription;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code nanpin backpack ...}: Backpack Exchange market data and account views. Keys come from
 * {@code BACKPACK_API_SECRET} (and optionally {@code BACKPACK_API_KEY}); public commands need none.
 */
@Command(name = "backpack", mixinStandardHelpOptions = true,
    description = "Backpack Exchange: markets, prices, klines, funding, account and live streams.",
    subcommands = {BackpackCommand.Markets.class, BackpackCommand.TickerCmd.class, BackpackCommand.Depth.class,
        BackpackCommand.Klines.class, BackpackCommand.Funding.class, BackpackCommand.Balances.class,
        BackpackCommand.Collateral.class, BackpackCommand.Positions.class, BackpackCommand.Orders.class,
        BackpackCommand.Stream.class})
final class BackpackCommand implements Runnable {
  @ParentCommand
  NanpinCommand root;

  @Spec
  CommandSpec spec;

  @Option(names = "--base-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "REST base URL (default ${DEFAULT-VALUE}).")
  String baseUrl = BackpackConfig.DEFAULT_BASE_URL;

  @Option(names = "--ws-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "WebSocket URL (default ${DEFAULT-VALUE}).")
  String wsUrl = BackpackConfig.DEFAULT_WS_URL;

  @Option(names = "--timeout", scope = ScopeType.INHERIT, defaultValue = "30s", paramLabel = "DURATION",
      converter = DataCommand.DurationConverter.class,
      description = "Total deadline of the command, every request and retry included; for stream, the time to "
          + "connect (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  BackpackExchange exchange() {
    return new BackpackExchange(BackpackConfig.builder().baseUrl(baseUrl).wsUrl(wsUrl)
        .credentialsFromEnvironment(System.getenv()).build());
  }

  /** Base of the subcommands: opens the exchange, runs, closes it. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand
    BackpackCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (BackpackExchange ex = parent.exchange()) {
        PrintWriter out = spec.commandLine().getOut();
        int code = boundedByTimeout()
            ? Deadline.within(parent.timeout, "backpack " + spec.name(), () -> run(ex, out))
            : run(ex, out);
        out.flush();
        return code;
      }
    }

    /** Whether --timeout bounds the whole command (all but the stream, which runs for --duration). */
    boolean boundedByTimeout() {
      return true;
    }

    abstract int run(BackpackExchange ex, PrintWriter out) throws Exception;
  }

  @Command(name = "markets", mixinStandardHelpOptions = true, description = "List spot and perpetual markets.")
  static final class Markets extends Sub {
    @Override
    int run(BackpackExchange ex, PrintWriter out) {
      out.printf(Locale.ROOT, "%-22s %-5s %-14s %-14s %s%n", "symbol", "kind", "tick", "step", "min qty");
      for (Instrument i : ex.instruments()) {
        out.printf(Locale.ROOT, "%-22s %-5s %-14s %-14s %s%n", i.symbol(), i.kind(), i.tickSize().toPlainString(),
            i.stepSize().toPlainString(), i.minQuantity().toPlainString());
      }
      return 0;
    }
  }

  @Command(name = "ticker", mixinStandardHelpOptions = true, description = "Print the last price of a market.")
  static final class TickerCmd extends Sub {
    @Parameters(paramLabel = "SYMBOL", description = "e.g. SOL_USDC or BTC_USDC_PERP")
    String symbol;

    @Override
    int run(BackpackExchange ex, PrintWriter out) {
      Ticker t = ex.ticker(symbol);
      out.println(t.symbol() + " " + t.last().toPlainString());
      return 0;
    }
  }

  @Command(name = "depth", mixinStandardHelpOptions = true, description = "Print the order book of a market.")
  static final class Depth extends Sub {
    @Parameters(paramLabel = "SYMBOL")
    String symbol;

    @Option(names = "--levels", defaultValue = "10", description = "Levels per side (default ${DEFAULT-VALUE}).")
    int levels;

    @Override
    int run(BackpackExchange ex, PrintWriter out) {
      OrderBook book = ex.orderBook(symbol, levels);
      for (int i = book.asks().size() - 1; i >= 0; i--) {
        OrderBook.Level l = book.asks().get(i);
        out.printf(Locale.ROOT, "ask %16s %16s%n", l.price().toPlainString(), l.quantity().toPlainString());
      }
      for (OrderBook.Level l : book.bids()) {
        out.printf(Locale.ROOT, "bid %16s %16s%n", l.price().toPlainString(), l.quantity().toPlainString());
      }
      return 0;
    }
  }

  @Command(name = "klines", mixinStandardHelpOptions = true,
      description = "Download closed candles; --out writes the CSV the backtester reads "
          + "(timestamp,open,high,low,close,volume).")
  static final class Klines extends Sub {
    @Parameters(paramLabel = "SYMBOL")
    String symbol;

    @Option(names = "--interval", defaultValue = "1h", description = "1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w.")
    String interval;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First bar: 2025-01-01 or an ISO instant.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "End, exclusive (default: now).")
    String to;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write CSV here instead of standard output.")
    Path outFile;

    @Override
    int run(BackpackExchange ex, PrintWriter out) throws IOException {
      if (outFile != null) {
        RunFolder.requireNew(outFile, "--out");
      }
      Instant start = parseTime("--from", from);
      Instant end = to == null ? Instant.now() : parseTime("--to", to);
      List<Bar> bars = ex.bars(symbol, BackpackExchange.interval(interval), start, end);
      if (outFile == null) {
        BarCsv.write(bars, out);
      } else {
        BarCsv.write(bars, outFile);
        out.println("wrote " + bars.size() + " bars to " + outFile.toAbsolutePath());
      }
      return 0;
    }

    static Instant parseTime(String option, String text) {
      try {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(option + " '" + text + "' is not a date (2025-01-01) or an instant "
            + "(2025-01-01T00:00:00Z)");
      }
    }
  }

  @Command(name = "funding", mixinStandardHelpOptions = true,
      description = "Print the mark price, the current funding rate and recent funding history of a perp.")
  static final class Funding extends Sub {
    @Parameters(paramLabel = "SYMBOL")
    String symbol;

    @Option(names = "--limit", defaultValue = "10", description = "History entries (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int run(BackpackExchange ex, PrintWriter out) {
      for (MarkPrice m : ex.markPrices(symbol)) {
        out.printf(Locale.ROOT, "%s mark %s index %s funding %s next %s%n", m.symbol(), m.markPrice().toPlainString(),
            m.indexPrice() == null ? "-" : m.indexPrice().toPlainString(),
            m.fundingRate() == null ? "-" : m.fundingRate().toPlainString(), m.nextFundingTime());
      }
      for (FundingRate f : ex.fundingRates(symbol, limit)) {
        out.printf(Locale.ROOT, "%s %s%n", f.intervalEnd(), f.rate().toPlainString());
      }
      return 0;
    }
  }

  @Command(name = "balances", mixinStandardHelpOptions = true, description = "Print balances (needs keys).")
  static final class Balances extends Sub {
    @Override
    int run(BackpackExchange ex, PrintWriter out) {
      out.printf(Locale.ROOT, "%-10s %20s %20s%n", "asset", "available", "locked");
      for (Balance b : ex.balances()) {
        out.printf(Locale.ROOT, "%-10s %20s %20s%n", b.asset(), b.available().toPlainString(), b.locked().toPlainString());
      }
      return 0;
    }
  }

  @Command(name = "collateral", mixinStandardHelpOptions = true,
      description = "Print equity and free margin (netEquityAvailable) (needs keys).")
  static final class Collateral extends Sub {
    @Override
    int run(BackpackExchange ex, PrintWriter out) {
      AccountState a = ex.account();
      out.println("equity        " + a.equity().toPlainString());
      out.println("collateral    " + a.collateral().toPlainString());
      out.println("free margin   " + a.freeMargin().toPlainString());
      out.println("margin in use " + a.marginInUse().toPlainString());
      return 0;
    }
  }

  @Command(name = "positions", mixinStandardHelpOptions = true, description = "Print open positions (needs keys).")
  static final class Positions extends Sub {
    @Override
    int run(BackpackExchange ex, PrintWriter out) {
      for (Position p : ex.positions()) {
        out.printf(Locale.ROOT, "%-18s qty %s entry %s mark %s upnl %s%n", p.symbol(), p.quantity().toPlainString(),
            p.entryPrice().toPlainString(), p.markPrice().toPlainString(), p.unrealizedPnl().toPlainString());
      }
      return 0;
    }
  }

  @Command(name = "orders", mixinStandardHelpOptions = true, description = "Print open orders (needs keys).")
  static final class Orders extends Sub {
    @Option(names = "--symbol", description = "Only this market.")
    String symbol;

    @Override
    int run(BackpackExchange ex, PrintWriter out) {
      for (Order o : ex.openOrders(symbol)) {
        out.printf(Locale.ROOT, "%s %s %s %s %s qty %s filled %s price %s clientId %d%n", o.orderId(), o.symbol(),
            o.side(), o.type(), o.status(), o.quantity() == null ? "-" : o.quantity().toPlainString(),
            o.filledQuantity().toPlainString(), o.limitPrice() == null ? "-" : o.limitPrice().toPlainString(),
            o.clientId());
      }
      return 0;
    }
  }

  @Command(name = "stream", mixinStandardHelpOptions = true,
      description = "Print raw stream messages, one per line: ticker.SOL_USDC, depth.200ms.BTC_USDC_PERP, "
          + "kline.1m.SOL_USDC, trade.X, markPrice.X, liquidation, account.orderUpdate (keys), ...")
  static final class Stream extends Sub {
    @Parameters(paramLabel = "STREAM", arity = "1..*")
    List<String> streams;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many messages (0: never).")
    int count;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long, e.g. 30s.")
    String duration;

    @Override
    boolean boundedByTimeout() {
      return false;
    }

    @Override
    int run(BackpackExchange ex, PrintWriter out) throws InterruptedException {
      CountDownLatch done = new CountDownLatch(1);
      AtomicInteger seen = new AtomicInteger();
      try (Subscription sub = ex.streamRaw(streams, new RawStreamListener() {
        @Override
        public void onMessage(String stream, String dataJson) {
          synchronized (out) {
            out.println(stream + " " + dataJson);
            out.flush();
          }
          if (seen.incrementAndGet() >= count && count > 0) {
            done.countDown();
          }
        }

        @Override
        public void onReconnected() {
          spec.commandLine().getErr().println("nanpin: stream reconnected; messages may have been missed");
        }
      })) {
        Duration limit = duration == null ? null : dev.nanpin.spi.ConfigSpec.parseDuration(duration);
        if (duration != null && limit == null) {
          throw new IllegalArgumentException("--duration '" + duration + "' is not a duration such as 30s or 5m");
        }
        // A stream that never connects is a failure, not a quiet run of WARN lines.
        long connectBy = System.nanoTime() + parent.timeout.toNanos();
        while (!ex.streamStats().connected() && seen.get() == 0) {
          if (System.nanoTime() - connectBy >= 0) {
            throw new dev.nanpin.VenueUnavailableException("backpack", null, "backpack stream: could not connect to "
                + parent.wsUrl + " within --timeout " + parent.timeout.toSeconds() + "s", null);
          }
          if (done.await(50, TimeUnit.MILLISECONDS)) {
            break;
          }
        }
        if (limit == null) {
          done.await();
        } else {
          done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (seen.get() == 0 && ex.streamStats().messages() == 0 && !ex.streamStats().connected()) {
          throw new dev.nanpin.VenueUnavailableException("backpack", null, "backpack stream: the connection to "
              + parent.wsUrl + " was lost and no message arrived", null);
        }
      }
      return 0;
    }
  }
}
