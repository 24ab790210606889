package dev.nanpin.sim.optimize;

import dev.nanpin.ConfigException;
import dev.nanpin.sim.Report;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A backtest {@link Report} as a map of named figures, so sweeps can rank by any of them. */
public final class ReportFigures {
  private static final RecordComponent[] COMPONENTS = Report.class.getRecordComponents();

  private ReportFigures() {}

  /**
   * @param report a backtest report
   * @return every numeric component of the report by name, in declaration order
   */
  public static Map<String, Double> of(Report report) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (RecordComponent c : COMPONENTS) {
      try {
        Object v = c.getAccessor().invoke(report);
        if (v instanceof Number n) {
          out.put(c.getName(), n.doubleValue());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read report figure " + c.getName(), e);
      }
    }
    return out;
  }

  /** @return the names of the figures a sweep can rank by */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (RecordComponent c : COMPONENTS) {
      if (c.getType() == double.class || c.getType() == int.class) {
        names.add(c.getName());
      }
    }
    return names;
  }

  /**
   * Checks a figure name.
   *
   * @param metric the name
   * @return the name
   * @throws ConfigException listing the names when unknown
   */
  public static String require(String metric) {
    if (!names().contains(metric)) {
      throw new ConfigException("metric", "unknown metric '" + metric + "'; one of " + names());
    }
    return metric;
  }
}
