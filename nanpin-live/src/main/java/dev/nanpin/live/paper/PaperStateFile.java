package dev.nanpin.live.paper;

import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.OrderStatus;
import dev.nanpin.OrderType;
import dev.nanpin.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The state file of a {@link PaperExchange}: its market's cursor, cash, position, funding, ids,
 * orders (with their reservations) and fills, one line each, rewritten whole and renamed into
 * place on every save. Not thread-safe: called with the exchange's lock held.
 */
final class PaperStateFile {
  private final Path stateFile;
  private final PaperMarket m;

  PaperStateFile(Path stateFile, PaperMarket market) {
    this.stateFile = stateFile;
    this.m = market;
  }

  /**
   * Writes the whole state by an atomic rename: a process killed at any point leaves the old state
   * or the new one.
   */
  void save() {
    if (stateFile == null) {
      return;
    }
    StringBuilder b = new StringBuilder(256 + 128 * (m.orders.size() + m.fills.size()));
    b.append("paper\t1\t").append(m.instrument.symbol()).append('\n');
    b.append("m.cursor\t").append(m.cursor).append('\n');
    b.append("cash\t").append(Double.toString(m.book.cash())).append('\n');
    b.append("m.position\t").append(m.position.toPlainString()).append('\t').append(Double.toString(m.book.averageEntry()))
        .append('\t').append(m.book.entries()).append('\n');
    b.append("funding\t").append(m.nextFunding).append('\t').append(Double.toString(m.book.funding())).append('\t')
        .append(m.liquidations).append('\n');
    b.append("ids\t").append(m.nextOrderId).append('\t').append(m.nextFillId).append('\n');
    if (m.replay == null && m.mark != null) {
      b.append("m.mark\t").append(m.mark.toPlainString()).append('\n');
    }
    for (Order o : m.orders.values()) {
      b.append("O\t").append(o.orderId()).append('\t').append(o.clientId()).append('\t').append(o.side())
          .append('\t').append(o.type()).append('\t').append(o.status()).append('\t')
          .append(o.quantity() == null ? "-" : o.quantity().toPlainString()).append('\t')
          .append(o.filledQuantity().toPlainString()).append('\t')
          .append(o.limitPrice() == null ? "-" : o.limitPrice().toPlainString()).append('\t')
          .append(o.reduceOnly()).append('\t').append(o.createdAt().toEpochMilli()).append('\t')
          .append(Double.toString(m.reservations.getOrDefault(o.orderId(), 0.0))).append('\n');
    }
    for (Fill f : m.fills) {
      b.append("F\t").append(f.fillId()).append('\t').append(f.orderId()).append('\t').append(f.clientId())
          .append('\t').append(f.side()).append('\t').append(f.price().toPlainString()).append('\t')
          .append(f.quantity().toPlainString()).append('\t').append(f.fee().toPlainString()).append('\t')
          .append(f.maker()).append('\t').append(f.time().toEpochMilli()).append('\n');
    }
    try {
      Path abs = stateFile.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      // An atomic rename: a process killed at any point leaves the old state or the new one.
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the paper exchange state " + stateFile, e);
    }
  }

  /** Loads the state into the market: cash, position, funding, ids, orders with their reservations, fills. */
  void load() {
    List<String> lines;
    try {
      lines = Files.readAllLines(stateFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the paper exchange state " + stateFile, e);
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("paper\t1\t")) {
      throw new IllegalArgumentException("not a paper exchange state file: " + stateFile);
    }
    String symbol = lines.get(0).split("\t")[2];
    if (!symbol.equals(m.instrument.symbol())) {
      throw new IllegalArgumentException("state file %s is for %s, not %s".formatted(stateFile, symbol,
          m.instrument.symbol()));
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] p = line.split("\t");
      switch (p[0]) {
        case "m.cursor" -> m.cursor = Integer.parseInt(p[1]);
        case "cash" -> m.book.setCash(Double.parseDouble(p[1]));
        case "m.position" -> {
          m.position = new BigDecimal(p[1]);
          m.book.restorePosition(m.position.doubleValue(), Double.parseDouble(p[2]),
              p.length > 3 ? Integer.parseInt(p[3]) : m.position.signum() == 0 ? 0 : 1);
        }
        case "funding" -> {
          m.nextFunding = Long.parseLong(p[1]);
          m.book.restoreFunding(Double.parseDouble(p[2]));
          m.liquidations = Long.parseLong(p[3]);
        }
        case "ids" -> {
          m.nextOrderId = Long.parseLong(p[1]);
          m.nextFillId = Long.parseLong(p[2]);
        }
        case "m.mark" -> m.mark = new BigDecimal(p[1]);
        case "O" -> {
          Order o = new Order(p[1], Long.parseLong(p[2]), m.instrument.symbol(), Side.valueOf(p[3]),
              OrderType.valueOf(p[4]), OrderStatus.valueOf(p[5]), "-".equals(p[6]) ? null : new BigDecimal(p[6]),
              new BigDecimal(p[7]), "-".equals(p[8]) ? null : new BigDecimal(p[8]), Boolean.parseBoolean(p[9]),
              Instant.ofEpochMilli(Long.parseLong(p[10])));
          m.orders.put(p[1], o);
          double r = p.length > 11 ? Double.parseDouble(p[11]) : 0; // files before m.reservations: none
          if (!o.status().isTerminal() && r > 0) {
            m.reservations.put(p[1], r);
            m.reserved += r;
          }
        }
        case "F" -> m.fills.add(new Fill(p[1], p[2], Long.parseLong(p[3]), m.instrument.symbol(), Side.valueOf(p[4]),
            new BigDecimal(p[5]), new BigDecimal(p[6]), new BigDecimal(p[7]), m.instrument.quote(),
            Boolean.parseBoolean(p[8]), Instant.ofEpochMilli(Long.parseLong(p[9]))));
        default -> throw new IllegalArgumentException("unknown line in " + stateFile + ": " + p[0]);
      }
    }
    if (m.replay != null) {
      if (m.cursor > m.replay.size()) {
        throw new IllegalArgumentException("state file %s is at bar %d of a %d-bar m.replay".formatted(stateFile,
            m.cursor, m.replay.size()));
      }
      m.positionAt(m.cursor);
    } else {
      m.now = Instant.now();
    }
  }
}
