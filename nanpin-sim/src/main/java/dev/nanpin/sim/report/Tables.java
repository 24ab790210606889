package dev.nanpin.sim.report;

import java.util.List;

/**
 * The report's text sections: tables of figures, the headline figures drawn large, tables with a
 * header row, and notes. Every cell is escaped.
 *
 * <p>Stateless; thread-safe.
 */
final class Tables {
  private Tables() {}

  /** A table of figures, one per row, each with its hint on hover. */
  static String figures(String heading, List<HtmlReport.Figure> figures) {
    StringBuilder sb = new StringBuilder("<section><h2>").append(Svg.esc(heading)).append("</h2><table class=\"figures\">");
    for (HtmlReport.Figure f : figures) {
      sb.append("<tr><th");
      if (f.hint() != null) {
        sb.append(" title=\"").append(Svg.esc(f.hint())).append('"');
      }
      sb.append('>').append(Svg.esc(f.label())).append("</th><td>").append(Svg.esc(f.value())).append("</td></tr>");
    }
    return sb.append("</table></section>").toString();
  }

  /** The figures that decide a report's reading, drawn large side by side. */
  static String headline(List<HtmlReport.Figure> figures) {
    StringBuilder sb = new StringBuilder("<section class=\"headline\">");
    for (HtmlReport.Figure f : figures) {
      sb.append("<div class=\"big\"");
      if (f.hint() != null) {
        sb.append(" title=\"").append(Svg.esc(f.hint())).append('"');
      }
      sb.append("><div class=\"big-value\">").append(Svg.esc(f.value())).append("</div><div class=\"big-label\">")
          .append(Svg.esc(f.label())).append("</div></div>");
    }
    return sb.append("</section>").toString();
  }

  /** A table with a header row; a note when there are no rows. */
  static String table(String heading, List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder("<section><h2>").append(Svg.esc(heading)).append("</h2>");
    if (rows.isEmpty()) {
      return sb.append("<p class=\"note\">No rows.</p></section>").toString();
    }
    sb.append("<table class=\"grid\"><thead><tr>");
    header.forEach(h -> sb.append("<th>").append(Svg.esc(h)).append("</th>"));
    sb.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      sb.append("<tr>");
      row.forEach(c -> sb.append("<td>").append(Svg.esc(c)).append("</td>"));
      sb.append("</tr>");
    }
    return sb.append("</tbody></table></section>").toString();
  }

  /** A paragraph of text, also what a chart with nothing to draw becomes. */
  static String note(String text) {
    return "<p class=\"note\">" + Svg.esc(text) + "</p>";
  }
}
