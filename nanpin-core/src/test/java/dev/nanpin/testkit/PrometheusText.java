package dev.nanpin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks text in the Prometheus exposition format (version 0.0.4), for tests of {@code /metrics}. */
public final class PrometheusText {
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})?"
          + " (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");
  private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) "
      + "(counter|gauge|histogram|summary|untyped|info|stateset|gaugehistogram|unknown)");

  private PrometheusText() {}

  /**
   * Asserts that every line is blank, a {@code # HELP} or {@code # TYPE} comment, or a sample
   * {@code name{label="value",...} value [timestamp]} of a family whose {@code # TYPE} came before.
   *
   * @param text the scraped text
   */
  public static void assertParses(String text) {
    Set<String> families = new HashSet<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ")) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        Matcher t = TYPE.matcher(line);
        assertThat(t.matches()).as("TYPE line: %s", line).isTrue();
        families.add(t.group(1));
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("Prometheus sample line: %s", line).isTrue();
      String name = m.group(1);
      assertThat(families.stream().anyMatch(f -> name.equals(f) || name.startsWith(f + "_")))
          .as("sample %s has a # TYPE before it", name).isTrue();
    }
  }
}
