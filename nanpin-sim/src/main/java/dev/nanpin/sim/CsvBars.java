package dev.nanpin.sim;

import dev.nanpin.BarColumns;
import dev.nanpin.BarCsv;
import dev.nanpin.DataException;
import dev.nanpin.Sentiment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads bars from CSV into the simulator's columns, in the one bar-CSV format of {@link BarCsv}
 * (header {@code timestamp,open,high,low,close,volume}; ISO-8601 UTC or epoch-millisecond
 * timestamps; strictly increasing time, gaps allowed and counted by {@link BarData#gaps()}). Any
 * bad row fails with a {@link DataException} naming the file, the line number and the reason.
 *
 * <p>Stateless and thread-safe.
 */
public final class CsvBars {

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
    BarColumns cols = new BarColumns(1024);
    BarCsv.read(file, cols::append); // the codec refuses a row not after the one before: every row is appended
    return cols.columns(BarData::wrap);
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
    BarColumns cols = new BarColumns(1024);
    BarCsv.read(reader, name, cols::append);
    return cols.columns(BarData::wrap);
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
        if (BarCsv.split(line, fields) != names.length) {
          throw bad(name, lineNo, "expected %d fields like the header".formatted(names.length));
        }
        long t = BarCsv.parseTime(fields[time].trim(), name, lineNo);
        if (t <= previous) {
          throw bad(name, lineNo, "time is not after the previous row's (rows must be in strictly increasing time)");
        }
        previous = t;
        double v = BarCsv.parseNumber(fields[value], "value", name, lineNo);
        if (!(v >= 0 && v <= 100)) {
          throw bad(name, lineNo, "value " + v + " is outside [0, 100]");
        }
        String idx = index < 0 || fields[index].isBlank() ? Sentiment.FEAR_GREED : fields[index].trim();
        out.add(new Sentiment(idx, v, Instant.ofEpochMilli(t)));
      }
      return out;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DataException(name, "file", "%s: file not found".formatted(name), e);
    } catch (IOException e) {
      throw new DataException(name, "file", "%s: cannot read: %s".formatted(name, e.getMessage()), e);
    }
  }

  private static DataException bad(String name, int lineNo, String reason) {
    return new DataException(name, "line " + lineNo, "%s:%d: %s".formatted(name, lineNo, reason), null);
  }
}
