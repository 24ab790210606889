package dev.nanpin.live.paper;

import dev.nanpin.Bar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The bar files a paper replay reads ({@link PaperExchange#readCsv}). Stateless. */
final class PaperCsv {
  private PaperCsv() {}

  /**
   * Reads bars from a CSV file with the header {@code timestamp,open,high,low,close,volume}
   * (ISO-8601 instants), as the files under {@code shared/data} are.
   *
   * @param csv the file
   * @return the bars, oldest first
   * @throws IllegalArgumentException naming the line, if a row is malformed or out of order
   */
  static List<Bar> read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    List<Bar> out = new ArrayList<>(Math.max(0, lines.size() - 1));
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] p = line.split(",");
      try {
        if (p.length < 6) {
          throw new IllegalArgumentException("expected 6 columns, found " + p.length);
        }
        Bar b = new Bar(Instant.parse(p[0]), new BigDecimal(p[1]), new BigDecimal(p[2]), new BigDecimal(p[3]),
            new BigDecimal(p[4]), new BigDecimal(p[5]));
        if (!out.isEmpty() && !b.time().isAfter(out.get(out.size() - 1).time())) {
          throw new IllegalArgumentException("time " + b.time() + " does not follow the previous row");
        }
        out.add(b);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("%s line %d: %s".formatted(csv, i + 1, e.getMessage()), e);
      }
    }
    return out;
  }
}
