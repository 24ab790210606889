package dev.nanpin.signals;

import dev.nanpin.Trade;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Backpack-shaped trade fixture (JSON lines of the {@code trade.<symbol>} stream). */
final class BackpackTradeFixture {
  private static final Pattern FIELD = Pattern.compile("\"(\\w)\":(\"([^\"]*)\"|(true|false|\\d+))");

  private BackpackTradeFixture() {}

  static List<Trade> load() {
    try (InputStream in = BackpackTradeFixture.class.getResourceAsStream("/fixtures/backpack-trades-btc-usdc.jsonl")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Trade> out = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, String> f = new HashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
          f.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
        }
        long micros = Long.parseLong(f.get("T"));
        out.add(new Trade(f.get("s"), new BigDecimal(f.get("p")), new BigDecimal(f.get("q")),
            Trade.aggressorOf(Boolean.parseBoolean(f.get("m"))), f.get("t"),
            Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Groups trades into bars of a period (open time = period start) and builds OHLCV from them. */
  static Grouped byPeriod(List<Trade> trades, long periodMillis) {
    TestBars.Builder b = new TestBars.Builder();
    List<List<Trade>> groups = new ArrayList<>();
    List<Trade> cur = new ArrayList<>();
    long curStart = Long.MIN_VALUE;
    for (Trade t : trades) {
      long start = Math.floorDiv(t.time().toEpochMilli(), periodMillis) * periodMillis;
      if (start != curStart && !cur.isEmpty()) {
        addBar(b, curStart, cur);
        groups.add(cur);
        cur = new ArrayList<>();
      }
      curStart = start;
      cur.add(t);
    }
    addBar(b, curStart, cur);
    groups.add(cur);
    return new Grouped(b.build(), groups);
  }

  private static void addBar(TestBars.Builder b, long start, List<Trade> ts) {
    double o = ts.get(0).price().doubleValue();
    double c = ts.get(ts.size() - 1).price().doubleValue();
    double h = o;
    double l = o;
    double v = 0;
    for (Trade t : ts) {
      h = Math.max(h, t.price().doubleValue());
      l = Math.min(l, t.price().doubleValue());
      v += t.quantity().doubleValue();
    }
    b.bar(start, o, h, l, c, v);
  }

  record Grouped(TestBars bars, List<List<Trade>> trades) {}
}
