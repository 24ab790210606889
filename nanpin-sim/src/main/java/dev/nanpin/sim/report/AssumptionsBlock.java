package dev.nanpin.sim.report;

import java.util.Map;

/**
 * The assumptions block near the top of every report: each assumption of the run as a name and
 * a value in two columns of small print (complete, yet the charts stay near the top), and the same
 * entries as the JSON the report's {@code .json} file holds, folded, from which the run can be
 * repeated.
 *
 * <p>Stateless; thread-safe.
 */
final class AssumptionsBlock {
  private AssumptionsBlock() {}

  /**
   * The block.
   *
   * @param entries name to value, in order
   * @param json the same entries as JSON text
   * @return the section's HTML
   */
  static String render(Map<String, ?> entries, String json) {
    StringBuilder sb = new StringBuilder("<section id=\"assumptions\"><h2>Assumptions</h2>")
        .append("<div class=\"assumptions\">");
    for (Map.Entry<String, ?> e : entries.entrySet()) {
      sb.append("<div><span class=\"k\">").append(Svg.esc(e.getKey())).append("</span> <span class=\"v\">")
          .append(Svg.esc(String.valueOf(e.getValue()))).append("</span></div>");
    }
    sb.append("</div><details><summary>As JSON</summary><pre>").append(Svg.esc(json)).append("</pre></details>");
    return sb.append("</section>").toString();
  }
}
