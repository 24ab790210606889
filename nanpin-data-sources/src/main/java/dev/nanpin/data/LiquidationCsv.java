package dev.nanpin.data;

import dev.nanpin.DataException;
import dev.nanpin.Liquidation;
import dev.nanpin.Side;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The recorded-liquidations file: CSV with the header {@code timestamp,symbol,side,price,quantity,source},
 * one {@link Liquidation} a line. {@code timestamp} is ISO-8601 UTC ({@code 2026-12-03T10:15:30.123Z})
 * or epoch milliseconds; {@code side} is the side of the liquidation order ({@code SELL} closed a
 * long); {@code price} the average fill price; {@code quantity} the filled quantity. {@code nanpin
 * data liquidations --record} writes it and {@code nanpin backtest --liquidations} replays it.
 */
public final class LiquidationCsv {
  /** The header line. */
  public static final String HEADER = "timestamp,symbol,side,price,quantity,source";

  private LiquidationCsv() {}

  /**
   * Reads a file.
   *
   * @param file the file
   * @return the events in file order
   * @throws DataException naming the line and column of a bad value (the same plausibility
   *     bounds as the live feeds)
   * @throws UncheckedIOException when the file cannot be read
   */
  public static List<Liquidation> read(Path file) {
    String name = "csv:" + file.getFileName();
    List<Liquidation> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.replace("\ufeff", "").strip().equalsIgnoreCase(HEADER)) {
        throw new DataException(name, "line 1", file + ": line 1 must be the header " + HEADER + " but is: " + header,
            null);
      }
      String line;
      int no = 1;
      while ((line = in.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        out.add(parse(name, file, no, line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static Liquidation parse(String name, Path file, int no, String line) {
    String[] f = line.split(",", -1);
    if (f.length != 6) {
      throw new DataException(name, "line " + no, "%s: line %d has %d columns, expected 6 (%s)".formatted(file, no,
          f.length, HEADER), null);
    }
    String column = "timestamp";
    try {
      Instant time = time(f[0].strip());
      column = "side";
      Side side = Side.valueOf(f[2].strip().toUpperCase(Locale.ROOT));
      column = "price";
      BigDecimal price = new BigDecimal(f[3].strip());
      column = "quantity";
      BigDecimal quantity = new BigDecimal(f[4].strip());
      column = "row";
      return new Liquidation(f[5].strip(), f[1].strip(), side, price, quantity, time);
    } catch (DataException e) {
      throw new DataException(name, "line " + no + " " + e.field(), "%s: line %d: %s".formatted(file, no, e.getMessage()),
          e);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new DataException(name, "line " + no + " " + column, "%s: line %d: bad %s: %s".formatted(file, no, column,
          e.getMessage()), e);
    }
  }

  private static Instant time(String s) {
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochMilli(Long.parseLong(s));
    }
    return Instant.parse(s);
  }

  /**
   * @param l an event
   * @return its CSV line, without the line break
   */
  public static String line(Liquidation l) {
    return String.join(",", l.time().toString(), l.symbol(), l.side().name(), l.price().toPlainString(),
        l.quantity().toPlainString(), l.source());
  }

  /**
   * Appends events to a file, writing the header first when the file is new or empty. Each
   * call opens, appends and closes, so a crash loses at most the events of that call.
   *
   * @param file the file
   * @param events the events
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void append(Path file, List<Liquidation> events) {
    try {
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        if (fresh) {
          w.write(HEADER);
          w.newLine();
        }
        for (Liquidation l : events) {
          w.write(line(l));
          w.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
