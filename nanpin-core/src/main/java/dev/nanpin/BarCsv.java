package dev.nanpin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one bar-CSV format of nanpin, read and written by every command and module (the
 * simulator's {@code --data}, {@code nanpin data history --out}, {@code nanpin backpack klines
 * --out}, the paper exchange's replay).
 *
 * <p>The format: a header naming the columns {@value #HEADER} (found by name, in any order,
 * ignoring case and a UTF-8 byte-order mark; extra columns are ignored), then one bar per line.
 * {@code timestamp} is the bar's open time, ISO-8601 UTC ({@code 2021-08-22T00:00:00Z}) or epoch
 * milliseconds (digits only); the writer always writes ISO-8601 and plain decimals. Rows are in
 * strictly increasing time (gaps are allowed); blank lines are skipped. A bad row (wrong number of
 * fields, a value that is not a finite number, a price {@code <= 0}, a high below the open or close,
 * a low above them, a negative volume, time not increasing) fails with a {@link DataException}
 * naming the file, the line number and the reason: nothing is silently dropped.
 *
 * <p>Stateless and thread-safe.
 */
public final class BarCsv {
  /** The columns, in the order the writer writes them. */
  public static final List<String> COLUMNS = List.of("timestamp", "open", "high", "low", "close", "volume");

  /** The header the writer writes. */
  public static final String HEADER = "timestamp,open,high,low,close,volume";

  private BarCsv() {}

  /** Receives the bars of a file one at a time, as primitives (no allocation per row). */
  @FunctionalInterface
  public interface RowHandler {
    /**
     * One validated bar.
     *
     * @param timeMillis open time, epoch milliseconds
     * @param open open price
     * @param high high price
     * @param low low price
     * @param close close price
     * @param volume volume in base units
     */
    void bar(long timeMillis, double open, double high, double low, double close, double volume);
  }

  /**
   * Reads a file, handing each bar to the handler.
   *
   * @param file the file
   * @param handler receives the bars in file order
   * @return the number of bars
   * @throws DataException naming the file: "not found", "cannot read", or the line and the reason
   */
  public static int read(Path file, RowHandler handler) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString(), handler);
    } catch (NoSuchFileException e) {
      throw new DataException(file.toString(), "file", "%s: file not found".formatted(file), e);
    } catch (IOException e) {
      throw new DataException(file.toString(), "file", "%s: cannot read: %s".formatted(file, e.getMessage()), e);
    }
  }

  /**
   * Reads bars from a reader, handing each to the handler.
   *
   * @param reader the text; not closed
   * @param name the name used in error messages (e.g. the file name)
   * @param handler receives the bars in order
   * @return the number of bars, at least 1
   * @throws DataException with the name, the line number and the reason if a row is bad or there
   *     is no bar
   * @throws IOException if the reader fails
   */
  public static int read(Reader reader, String name, RowHandler handler) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String header = in.readLine();
    int lineNo = 1;
    while (header != null && header.isBlank()) {
      header = in.readLine();
      lineNo++;
    }
    if (header == null) {
      throw bad(name, lineNo, "empty file: no header " + HEADER);
    }
    String[] names = header.split(",", -1);
    int[] col = new int[COLUMNS.size()];
    Arrays.fill(col, -1);
    for (int i = 0; i < names.length; i++) {
      String h = names[i].trim().toLowerCase(Locale.ROOT);
      if (i == 0 && h.startsWith("\ufeff")) {
        h = h.substring(1);
      }
      int k = COLUMNS.indexOf(h);
      if (k >= 0) {
        if (col[k] >= 0) {
          throw bad(name, lineNo, "column '" + h + "' appears twice in the header");
        }
        col[k] = i;
      }
    }
    for (int k = 0; k < col.length; k++) {
      if (col[k] < 0) {
        throw bad(name, lineNo, "header lacks column '%s' (need %s, found: %s)".formatted(COLUMNS.get(k), HEADER, header));
      }
    }
    int width = names.length;
    String[] fields = new String[width];
    long previous = Long.MIN_VALUE;
    int n = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      int count = split(line, fields);
      if (count != width) {
        throw bad(name, lineNo, "expected %d fields like the header, found %d".formatted(width, count));
      }
      long t = parseTime(fields[col[0]].trim(), name, lineNo);
      double o = parseNumber(fields[col[1]], "open", name, lineNo);
      double h = parseNumber(fields[col[2]], "high", name, lineNo);
      double l = parseNumber(fields[col[3]], "low", name, lineNo);
      double c = parseNumber(fields[col[4]], "close", name, lineNo);
      double v = parseNumber(fields[col[5]], "volume", name, lineNo);
      String problem = problem(o, h, l, c, v);
      if (problem != null) {
        throw bad(name, lineNo, problem);
      }
      if (n > 0 && t <= previous) {
        throw bad(name, lineNo, "time %s is not after the previous row's %s (rows must be in strictly increasing time)"
            .formatted(Instant.ofEpochMilli(t), Instant.ofEpochMilli(previous)));
      }
      previous = t;
      handler.bar(t, o, h, l, c, v);
      n++;
    }
    if (n == 0) {
      throw bad(name, lineNo, "no bars after the header");
    }
    return n;
  }

  /**
   * Reads a file into {@link Bar}s (for the paper exchange and other boundary code; the simulator
   * reads columns through {@link #read(Path, RowHandler)}).
   *
   * @param file the file
   * @return the bars, in time order
   * @throws DataException naming the file as {@link #read(Path, RowHandler)} does
   */
  public static List<Bar> readBars(Path file) {
    List<Bar> out = new ArrayList<>();
    read(file, (t, o, h, l, c, v) -> out.add(Bar.of(Instant.ofEpochMilli(t), o, h, l, c, v)));
    return out;
  }

  /**
   * Writes bars in this format, header first.
   *
   * @param bars the bars, in increasing time
   * @param w where to write; not closed
   * @throws IOException if the writer fails
   */
  public static void write(List<Bar> bars, Writer w) throws IOException {
    w.write(HEADER);
    w.write('\n');
    for (Bar b : bars) {
      w.write(b.time() + "," + plain(b.open()) + "," + plain(b.high()) + "," + plain(b.low()) + ","
          + plain(b.close()) + "," + plain(b.volume()) + "\n");
    }
    w.flush();
  }

  private static String plain(java.math.BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  /**
   * Writes bars to a new file; an existing file is never overwritten.
   *
   * @param bars the bars, in increasing time
   * @param file the file to create
   * @throws DataException if the file exists or cannot be written
   */
  public static void write(List<Bar> bars, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      write(bars, w);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new DataException(file.toString(), "file", "%s already exists; not overwritten".formatted(file), e);
    } catch (IOException e) {
      throw new DataException(file.toString(), "file", "%s: cannot write: %s".formatted(file, e.getMessage()), e);
    }
  }

  /**
   * The rule every bar must pass, in any reader: prices finite and {@code > 0}, high at least the
   * open and close, low at most them, volume finite and {@code >= 0}.
   *
   * @param o open
   * @param h high
   * @param l low
   * @param c close
   * @param v volume
   * @return {@code null} when the bar passes, else the reason
   */
  public static String problem(double o, double h, double l, double c, double v) {
    if (!(o > 0) || !(h > 0) || !(l > 0) || !(c > 0)
        || Double.isInfinite(o) || Double.isInfinite(h) || Double.isInfinite(l) || Double.isInfinite(c)) {
      return "prices must be finite and > 0: open %s, high %s, low %s, close %s".formatted(o, h, l, c);
    }
    if (h < Math.max(o, c)) {
      return "high %s is below max(open %s, close %s)".formatted(h, o, c);
    }
    if (l > Math.min(o, c)) {
      return "low %s is above min(open %s, close %s)".formatted(l, o, c);
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      return "volume must be finite and >= 0: " + v;
    }
    return null;
  }

  /**
   * Parses a timestamp field: ISO-8601 UTC or epoch milliseconds.
   *
   * @param s the field, trimmed
   * @param name the file name for the message
   * @param lineNo the line number for the message
   * @return epoch milliseconds
   * @throws DataException naming the file and line if the field is neither
   */
  public static long parseTime(String s, String name, int lineNo) {
    if (s.isEmpty()) {
      throw bad(name, lineNo, "empty timestamp");
    }
    boolean digits = true;
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        digits = false;
        break;
      }
    }
    if (digits) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw bad(name, lineNo, "timestamp '%s' is too large for epoch milliseconds".formatted(s));
      }
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw bad(name, lineNo, "timestamp '%s' is neither ISO-8601 UTC (2021-08-22T00:00:00Z) nor epoch milliseconds"
          .formatted(s));
    }
  }

  /**
   * Parses a finite number field.
   *
   * @param s the field
   * @param column the column name for the message
   * @param name the file name for the message
   * @param lineNo the line number for the message
   * @return the number
   * @throws DataException naming the file, line and column if the field is not a finite number
   */
  public static double parseNumber(String s, String column, String name, int lineNo) {
    String x = s.trim();
    try {
      double d = Double.parseDouble(x);
      if (!Double.isFinite(d)) {
        throw bad(name, lineNo, "%s '%s' is not a finite number".formatted(column, x));
      }
      return d;
    } catch (NumberFormatException e) {
      throw bad(name, lineNo, "%s '%s' is not a number".formatted(column, x));
    }
  }

  /**
   * Splits a line at commas into {@code out} (as many fields as fit).
   *
   * @param line the line
   * @param out receives the fields
   * @return the number of fields on the line (may exceed {@code out.length})
   */
  public static int split(String line, String[] out) {
    int count = 0;
    int start = 0;
    while (true) {
      int comma = line.indexOf(',', start);
      String field = comma < 0 ? line.substring(start) : line.substring(start, comma);
      if (count < out.length) {
        out[count] = field;
      }
      count++;
      if (comma < 0) {
        return count;
      }
      start = comma + 1;
    }
  }

  private static DataException bad(String name, int lineNo, String reason) {
    return new DataException(name, "line " + lineNo, "%s:%d: %s".formatted(name, lineNo, reason), null);
  }
}
