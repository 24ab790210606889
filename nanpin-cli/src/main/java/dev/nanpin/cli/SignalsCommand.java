package dev.nanpin.cli;

import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.SignalView;
import dev.nanpin.signals.SignalRun;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nanpin signals}: runs a signal generator over a CSV of bars, bar by bar as a backtest or
 * live feed would (each bar sees only the bars up to it), and writes one CSV row per bar with the
 * latest reading's fields.
 */
@Command(name = "signals", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a signal generator (wyckoff, orderflow, volume-profile, ...) over a CSV of bars.",
        "Writes one CSV row per bar: time, bar, new (1 when the bar produced a new reading), then the",
        "reading's fields. Order-flow trade fields are empty here: a bar CSV carries no trades."})
final class SignalsCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV of bars.")
  private Path data;

  @Option(names = "--signal", required = true, paramLabel = "ID", description = "Signal generator id (see 'nanpin plugins').")
  private String signal;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A generator parameter; repeatable.")
  private Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV to this file (default: standard output).")
  private Path outFile;

  @Option(names = "--changes", description = "Only the rows of bars that produced a new reading.")
  private boolean changesOnly;

  @Override
  public Integer call() throws IOException {
    Plugins plugins = root.plugins();
    SignalGenerator generator = plugins.signalGenerator(signal, settings);
    BarData bars = CsvBars.read(data);
    Signal[] readings = SignalRun.replay(generator, bars);
    List<String> fields = List.of();
    int count = 0;
    for (Signal s : readings) {
      if (s != null) {
        count++;
        if (fields.isEmpty()) {
          fields = s instanceof SignalView v ? v.fieldNames() : List.of("signal");
        }
      }
    }
    PrintWriter console = spec.commandLine().getOut();
    if (outFile == null) {
      write(console, bars, readings, fields);
      console.flush();
    } else {
      try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
        write(w, bars, readings, fields);
      }
      console.printf(Locale.ROOT, "%s over %s: %d bars, %d readings, warm-up %d bars; wrote %s%n", signal,
          data.getFileName(), bars.size(), count, generator.warmUpBars(), outFile);
    }
    return 0;
  }

  private void write(Writer w, BarData bars, Signal[] readings, List<String> fields) throws IOException {
    StringBuilder line = new StringBuilder("time,bar,new");
    for (String f : fields) {
      line.append(',').append(f);
    }
    w.write(line.append('\n').toString());
    Signal latest = null;
    for (int i = 0; i < readings.length; i++) {
      boolean fresh = readings[i] != null;
      if (fresh) {
        latest = readings[i];
      }
      if (changesOnly && !fresh) {
        continue;
      }
      line.setLength(0);
      line.append(Instant.ofEpochMilli(bars.timeMillis(i))).append(',').append(i).append(',').append(fresh ? 1 : 0);
      for (String f : fields) {
        line.append(',').append(latest == null ? "" : cell(latest, f));
      }
      w.write(line.append('\n').toString());
    }
  }

  private static String cell(Signal s, String field) {
    if (!(s instanceof SignalView v)) {
      return quote(s.toString());
    }
    String text = v.text(field);
    if (text != null) {
      return quote(text);
    }
    return number(v.number(field));
  }

  private static String quote(String text) {
    return text.indexOf(',') >= 0 || text.indexOf('"') >= 0 ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** Up to 10 significant digits, plain notation; empty for NaN. */
  static String number(double x) {
    if (!Double.isFinite(x)) {
      return "";
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return new BigDecimal(x).round(new MathContext(10)).stripTrailingZeros().toPlainString();
  }
}
