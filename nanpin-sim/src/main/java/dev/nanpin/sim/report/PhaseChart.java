package dev.nanpin.sim.report;

import java.util.Locale;

/**
 * The phase chart: the closes over shaded spans of bars (market phases, such as Wyckoff's A-E of
 * an accumulation or distribution range) with labelled event markers, and a note saying how to
 * read them. The spans and marks come from the caller; this class only draws.
 *
 * <p>Spans are drawn behind the price, green for {@code "up"}, red for {@code "down"} and grey
 * otherwise, adjacent spans in alternating shades so that their borders show; a span's label is
 * written at its top when it is wide enough, a mark's label beside it unless it would overprint the
 * label before it on the same side, and every span and mark has a hover title.
 *
 * <p>Stateless; thread-safe.
 */
final class PhaseChart {
  /** At most this many marks are drawn: more would hide the price (the caller's data has them all). */
  static final int MAX_MARKS = 600;

  private PhaseChart() {}

  static String html(String id, long[] time, double[] close, int n, HtmlReport.Phases phases, String xTitle,
      String yTitle) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = time[i];
    }
    Svg.Chart c = new Svg.Chart(id, phases.title(), x[0], x[n - 1], Svg.Format.DATE, Svg.min(close, n),
        Svg.max(close, n), Svg.Format.NUMBER, Svg.HEIGHT + 60, xTitle, yTitle);
    double top = c.y.p1();
    double bottom = c.y.p0();
    int k = 0;
    for (HtmlReport.Span s : phases.spans()) {
      int a = clamp(s.fromIndex(), n);
      int b = clamp(Math.max(s.fromIndex(), s.toIndex()), n);
      // a span covers its bars from the first one's open to the next bar's open (the last: its own)
      double px0 = c.x.map(x[a]);
      double px1 = Math.max(px0 + 1, c.x.map(x[Math.min(b + 1, n - 1)]));
      c.sb.append("<rect class=\"phase\" x=\"").append(px(px0)).append("\" y=\"").append(px(top))
          .append("\" width=\"").append(px(px1 - px0)).append("\" height=\"").append(px(bottom - top))
          .append("\" fill=\"").append(colour(s.kind())).append("\" fill-opacity=\"")
          .append(k++ % 2 == 0 ? ".10" : ".20").append("\"><title>").append(Svg.esc(s.hover()))
          .append("</title></rect>");
      if (px1 - px0 >= 7 * s.label().length() + 4) {
        c.sb.append("<text class=\"tick\" x=\"").append(px(px0 + 2)).append("\" y=\"").append(px(top + 11))
            .append("\">").append(Svg.esc(s.label())).append("</text>");
      }
    }
    c.line(x, close, n, "price");
    int step = Math.max(1, (phases.marks().size() + MAX_MARKS - 1) / MAX_MARKS);
    double[] lastLabel = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}; // per side: no overprinted labels
    for (int m = 0; m < phases.marks().size(); m += step) {
      HtmlReport.Mark mark = phases.marks().get(m);
      int i = clamp(mark.index(), n);
      double pxm = c.x.map(x[i]);
      double py = c.y.map(mark.price());
      c.sb.append("<g class=\"event\"><title>").append(Svg.esc(mark.hover())).append("</title>");
      c.marker(x[i], mark.price(), mark.up(), mark.up() ? "buy" : "sell");
      int side = mark.up() ? 0 : 1;
      if (pxm - lastLabel[side] >= 7 * mark.label().length()) {
        lastLabel[side] = pxm;
        // below an up marker, above a down one: away from the price
        c.sb.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(px(pxm)).append("\" y=\"")
            .append(px(mark.up() ? py + 17 : py - 9)).append("\">").append(Svg.esc(mark.label())).append("</text>");
      }
      c.sb.append("</g>");
    }
    c.legend("price", "close", "buy", "up event", "sell", "down event");
    return "<section>" + c.done() + Tables.note(phases.note()) + "</section>";
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }

  private static String colour(String kind) {
    return switch (kind) {
      case "up" -> "#1e8449";
      case "down" -> "#c0392b";
      default -> "#5a6272";
    };
  }

  private static String px(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
