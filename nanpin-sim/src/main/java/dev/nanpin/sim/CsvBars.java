package dev.nanpin.sim;

import dev.nanpin.DataException;
import dev.nanpin.Sentiment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads bars from CSV: a header naming {@code timestamp,open,high,low,close,volume} (found by
 * name, in any order, ignoring case; extra columns are ignored), then one bar per line.
 *
 * <p>A timestamp is either ISO-8601 UTC ({@code 2021-08-22T00:00:00Z}) or epoch milliseconds
 * (digits only). Rows must be in strictly increasing time; gaps are allowed and counted by
 * {@link BarData#gaps()}. Blank lines are skipped. Any bad row (wrong number of fields, a value
 * that is not a number, a price {@code <= 0} or NaN, a high below the open or close, time not
 * increasing) fails with a {@link DataException} whose message names the file, the line number
 * and the reason; nothing is silently dropped.
 *
 * <p>Stateless and thread-safe.
 */
public final class CsvBars {
  private static final String[] COLUMNS = {"timestamp", "open", "high", "low", "close", "volume"};

  private CsvBars() {}

  /**
   * Reads a CSV file.
   *
   * @param file the file
   * @return the bars
   * @throws DataException with the file, the line number and the reason if the file cannot be
   *     read or a row is bad
   */
  public static BarData read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new DataException(file.toString(), "file", "%s: cannot read: %s".formatted(file, e.getMessage()), e);
    }
  }

  /**
   * Reads CSV from a reader.
   *
   * @param reader the text; not closed
   * @param name the name used in error messages (e.g. the file name)
   * @return the bars
   * @throws DataException with the name, the line number and the reason if a row is bad
   * @throws IOException if the reader fails
   */
  public static BarData read(Reader reader, String name) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String header = in.readLine();
    int lineNo = 1;
    while (header != null && header.isBlank()) {
      header = in.readLine();
      lineNo++;
    }
    if (header == null) {
      throw bad(name, lineNo, "empty file: no header " + String.join(",", COLUMNS));
    }
    String[] names = header.split(",", -1);
    int[] col = new int[COLUMNS.length];
    Arrays.fill(col, -1);
    for (int i = 0; i < names.length; i++) {
      String h = names[i].trim().toLowerCase(Locale.ROOT);
      if (i == 0 && h.startsWith("\ufeff")) {
        h = h.substring(1);
      }
      for (int k = 0; k < COLUMNS.length; k++) {
        if (COLUMNS[k].equals(h)) {
          if (col[k] >= 0) {
            throw bad(name, lineNo, "column '" + h + "' appears twice in the header");
          }
          col[k] = i;
        }
      }
    }
    for (int k = 0; k < COLUMNS.length; k++) {
      if (col[k] < 0) {
        throw bad(name, lineNo, "header lacks column '%s' (need %s, found: %s)"
            .formatted(COLUMNS[k], String.join(",", COLUMNS), header));
      }
    }
    int width = names.length;
    int cap = 1024;
    long[] t = new long[cap];
    double[] o = new double[cap];
    double[] h = new double[cap];
    double[] l = new double[cap];
    double[] c = new double[cap];
    double[] v = new double[cap];
    int n = 0;
    String[] fields = new String[width];
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
      if (n == cap) {
        cap *= 2;
        t = Arrays.copyOf(t, cap);
        o = Arrays.copyOf(o, cap);
        h = Arrays.copyOf(h, cap);
        l = Arrays.copyOf(l, cap);
        c = Arrays.copyOf(c, cap);
        v = Arrays.copyOf(v, cap);
      }
      t[n] = parseTime(fields[col[0]].trim(), name, lineNo);
      o[n] = parseNumber(fields[col[1]], "open", name, lineNo);
      h[n] = parseNumber(fields[col[2]], "high", name, lineNo);
      l[n] = parseNumber(fields[col[3]], "low", name, lineNo);
      c[n] = parseNumber(fields[col[4]], "close", name, lineNo);
      v[n] = parseNumber(fields[col[5]], "volume", name, lineNo);
      String problem = BarData.problem(o[n], h[n], l[n], c[n], v[n]);
      if (problem != null) {
        throw bad(name, lineNo, problem);
      }
      if (n > 0 && t[n] <= t[n - 1]) {
        throw bad(name, lineNo, "time %s is not after the previous row's %s (rows must be in strictly increasing time)"
            .formatted(Instant.ofEpochMilli(t[n]), Instant.ofEpochMilli(t[n - 1])));
      }
      n++;
    }
    if (n == 0) {
      throw bad(name, lineNo, "no bars after the header");
    }
    return BarData.wrap(Arrays.copyOf(t, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n), Arrays.copyOf(l, n),
        Arrays.copyOf(c, n), Arrays.copyOf(v, n));
  }

  /**
   * Reads a sentiment history for a backtest's signal feed ({@link SimulationConfig.Builder#signals}):
   * a CSV with the header columns {@code timestamp} (ISO-8601 UTC or epoch milliseconds, the time
   * the reading was published) and {@code value} (0 to 100), found by name, and optionally
   * {@code index} (default {@link Sentiment#FEAR_GREED}). Rows in strictly increasing time.
   *
   * @param file the file
   * @return the readings as {@link Sentiment} signals, in time order
   * @throws DataException with the file, the line number and the reason if a row is bad
   */
  public static List<Sentiment> readSentiment(Path file) {
    String name = file.toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      int lineNo = 1;
      if (header == null) {
        throw bad(name, lineNo, "empty file: no header timestamp,value");
      }
      String[] names = header.replace("\ufeff", "").split(",", -1);
      int time = -1;
      int value = -1;
      int index = -1;
      for (int i = 0; i < names.length; i++) {
        switch (names[i].trim().toLowerCase(Locale.ROOT)) {
          case "timestamp" -> time = i;
          case "value" -> value = i;
          case "index" -> index = i;
          default -> { }
        }
      }
      if (time < 0 || value < 0) {
        throw bad(name, lineNo, "header needs columns timestamp and value (found: " + header + ")");
      }
      List<Sentiment> out = new ArrayList<>();
      String[] fields = new String[names.length];
      long previous = Long.MIN_VALUE;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        if (split(line, fields) != names.length) {
          throw bad(name, lineNo, "expected %d fields like the header".formatted(names.length));
        }
        long t = parseTime(fields[time].trim(), name, lineNo);
        if (t <= previous) {
          throw bad(name, lineNo, "time is not after the previous row's (rows must be in strictly increasing time)");
        }
        previous = t;
        double v = parseNumber(fields[value], "value", name, lineNo);
        if (!(v >= 0 && v <= 100)) {
          throw bad(name, lineNo, "value " + v + " is outside [0, 100]");
        }
        String idx = index < 0 || fields[index].isBlank() ? Sentiment.FEAR_GREED : fields[index].trim();
        out.add(new Sentiment(idx, v, Instant.ofEpochMilli(t)));
      }
      return out;
    } catch (IOException e) {
      throw new DataException(name, "file", "%s: cannot read: %s".formatted(name, e.getMessage()), e);
    }
  }

  private static int split(String line, String[] out) {
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

  private static long parseTime(String s, String name, int lineNo) {
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

  private static double parseNumber(String s, String column, String name, int lineNo) {
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

  private static DataException bad(String name, int lineNo, String reason) {
    return new DataException(name, "line " + lineNo, "%s:%d: %s".formatted(name, lineNo, reason), null);
  }
}
