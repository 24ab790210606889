package dev.nanpin.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.testkit.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir
  Path dir;

  /** A report with every kind of chart, from deterministic synthetic data. */
  static HtmlReport sample() {
    int n = 3000;
    double[] x = new double[n];
    double[][] bands = new double[5][n];
    long[] time = new long[n];
    double[] equity = new double[n];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    double e = 10_000;
    for (int i = 0; i < n; i++) {
      x[i] = i;
      time[i] = 1_577_836_800_000L + i * 3_600_000L;
      double m = 10_000 * Math.exp(0.00005 * i);
      double s = 0.002 * Math.sqrt(i + 1) * 10_000;
      bands[0][i] = m - 1.64 * s;
      bands[1][i] = m - 0.67 * s;
      bands[2][i] = m;
      bands[3][i] = m + 0.67 * s;
      bands[4][i] = m + 1.64 * s;
      e *= 1 + rng.nextGaussian() * 0.004;
      equity[i] = e;
    }
    double[] returns = new double[500];
    for (int i = 0; i < returns.length; i++) {
      returns[i] = 0.1 + 0.4 * rng.nextGaussian();
    }
    int[] fills = {100, 180, 260, 700, 1500, 2900};
    boolean[] buys = {true, true, true, false, true, false};
    return HtmlReport.builder("Report <check> & test")
        .subtitle("synthetic data, seed 3")
        .figures("Summary", List.of(new HtmlReport.Figure("Median annual return", "10.0 %", "median over paths"),
            new HtmlReport.Figure("Paths", "500", null)))
        .fanChart("equity-fan", "Equity across paths", x, bands[0], bands[1], bands[2], bands[3], bands[4], false)
        .histogram("annual-return", "Annual return", returns, 40, true, 0.0)
        .histogram("max-drawdown", "Max drawdown", new double[] {0.1, 0.2, 0.25, 0.3}, 10, true, Double.NaN)
        .counts("ladder-depth", "Deepest ladder level", new int[] {3, 10, 40, 20, 5, 1}, 0)
        .equityChart("equity", "Equity", time, equity, n, fills, buys, fills.length)
        .table("Sweep", List.of("step", "sharpe"), List.of(List.of("0.02", "1.1"), List.of("0.03", "1.4")))
        .build();
  }

  @Test
  void theDocumentIsSelfContainedAndEscaped() {
    String html = sample().render();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Report &lt;check&gt; &amp; test</title>");
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
        .doesNotContain("<link");
    assertThat(html).contains("data-chart=\"equity-fan\"", "data-chart=\"annual-return\"",
        "data-chart=\"ladder-depth\"", "data-chart=\"equity\"", "data-chart=\"equity-drawdown\"");
    assertThat(html).as("a long series is thinned").hasSizeLessThan(400_000);
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(sample().render()).isEqualTo(sample().render());
  }

  @Test
  void emptyDataGivesANoteNotAnEmptyFrame() {
    String html = HtmlReport.builder("t")
        .histogram("h", "Annual return", new double[0], 10, true, 0)
        .counts("c", "Ladder depth", new int[] {0, 0}, 0)
        .equityChart("e", "Equity", new long[1], new double[1], 1, new int[0], new boolean[0], 0)
        .build().render();
    assertThat(html).doesNotContain("<svg").contains("Annual return: no values.")
        .contains("Ladder depth: no values.").contains("Equity: not enough bars to draw.");
  }

  @Test
  void aHeatmapOnAFixedScaleColoursAValueTheSameWhateverElseIsInIt() {
    // a correlation of 0.8, the lowest of its matrix: red-ish on -1..1, not the green a fitted scale gives it
    double[][] m = {{1, 0.8}, {0.8, 1}};
    String fixed = HtmlReport.builder("t").heatmap("c", "Correlation", "s", List.of("A", "B"), "s", List.of("A", "B"), m,
        false, -1, 1).build().render();
    assertThat(fixed).contains("fill=\"rgb(203,93,70)\"><title>s=B, s=A: 0.800</title>")
        .contains("fill=\"rgb(192,57,43)\"><title>s=A, s=A: 1.00</title>");
    String fitted = HtmlReport.builder("t").heatmap("c", "Correlation", "s", List.of("A", "B"), "s", List.of("A", "B"), m,
        false).build().render();
    assertThat(fitted).contains("fill=\"rgb(30,132,73)\"><title>s=B, s=A: 0.800</title>");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HtmlReport.builder("t").heatmap("c", "C", "s", List.of("A"),
        "s", List.of("A"), new double[][] {{1}}, false, 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesEqualButForRoundingStillDraw() {
    // a spread far below the values' precision once looped forever while placing axis ticks
    String html = HtmlReport.builder("t")
        .histogram("h", "Capital", new double[] {905.0, 905.0000000000001, 905.0}, 30, false, Double.NaN)
        .counts("c", "Depth", new int[] {0, 0, 0, 0, 0, 7}, 0)
        .build().render();
    assertThat(html).contains("data-chart=\"h\"").contains("data-chart=\"c\"").contains("<rect class=\"bar\"");
    assertThat(Svg.ticks(905.0, 905.0000000000001, 5)).hasSizeLessThanOrEqualTo(20);
  }

  @Test
  void everyChartDrawsInARealBrowser() throws Exception {
    Map<String, int[]> charts = drawInBrowser(sample(), "sample");
    assertThat(charts).containsOnlyKeys("equity-fan", "annual-return", "max-drawdown", "ladder-depth", "equity",
        "equity-drawdown");
    assertThat(charts.get("annual-return")[2]).as("histogram bars").isGreaterThan(10);
    assertThat(charts.get("ladder-depth")[2]).as("one bar per non-empty depth").isEqualTo(6);
  }

  @Test
  void realBacktestAndMonteCarloReportsDrawInARealBrowser() throws Exception {
    // the reports users get from `nanpin backtest --html` and `nanpin montecarlo`, on a resting ladder
    dev.nanpin.Strategy ladder = new dev.nanpin.strategy.NanpinStrategy(dev.nanpin.strategy.NanpinConfig.defaults());
    dev.nanpin.sim.montecarlo.PathBuffer b = new dev.nanpin.sim.montecarlo.PathBuffer();
    dev.nanpin.sim.montecarlo.GbmGenerator.btcLikeHourly(7).generate(0, 24 * 120, b);
    dev.nanpin.sim.BarData data = dev.nanpin.sim.BarData.of(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
    dev.nanpin.sim.BacktestResult backtest = new dev.nanpin.sim.Backtester(dev.nanpin.sim.SimulationConfig.defaults())
        .run(data, ladder, dev.nanpin.Sizer.fixedQuote(100));
    assertThat(backtest.fills()).isNotEmpty();
    HtmlReport btReport = backtest.toHtml("Backtest", "nanpin", dev.nanpin.sim.Assumptions.of(config()));
    Map<String, int[]> bt = drawInBrowser(btReport, "backtest");
    assertThat(bt).containsOnlyKeys("price", "equity", "equity-drawdown", "trade-returns");
    assertThat(bt.get("price")[2]).as("close line plus fill markers").isGreaterThan(backtest.fills().size() / 2);
    String btHtml = btReport.render();
    assertThat(btHtml).contains("<section id=\"assumptions\">").contains("Round trips").contains("take-profit")
        .contains("Monthly returns").contains("buy and hold").contains("class=\"level-buy\"")
        .contains("class=\"level-sell\"").contains("class=\"level-avg\"").contains("id=\"price-from\"");
    assertThat(bt.get("equity")[2]).as("equity line plus fill markers").isGreaterThan(backtest.fills().size() / 2);

    dev.nanpin.sim.SimulationConfig config = config();
    dev.nanpin.sim.montecarlo.MonteCarloResult mc = dev.nanpin.sim.montecarlo.MonteCarlo.builder(
            dev.nanpin.sim.montecarlo.GbmGenerator.btcLikeHourly(7),
            () -> new dev.nanpin.sim.BacktestEvaluator(config,
                () -> new dev.nanpin.strategy.NanpinStrategy(dev.nanpin.strategy.NanpinConfig.defaults()),
                () -> dev.nanpin.Sizer.fixedQuote(100)))
        .paths(80).bars(24 * 90).threads(2).build().run();
    Map<String, int[]> m = drawInBrowser(mc.toHtml("Monte Carlo", "nanpin"), "montecarlo");
    assertThat(m).containsOnlyKeys("equity-fan", "path-return", "max-drawdown", "ladder-depth", "underwater",
        "capital-in-use");

    // a sweep over two parameters: heatmap and one sensitivity chart per parameter
    java.util.List<java.util.Map<String, String>> grid = new java.util.ArrayList<>();
    for (String step : List.of("0.01", "0.02", "0.03")) {
      for (String tp : List.of("0.01", "0.02")) {
        grid.add(Map.of("step", step, "takeProfit", tp));
      }
    }
    java.util.List<dev.nanpin.sim.optimize.Sweep.Result> ranked = dev.nanpin.sim.optimize.Sweep.run(grid,
        c -> Map.of("sharpe", Double.parseDouble(c.get("step")) * 10 - Double.parseDouble(c.get("takeProfit"))),
        "sharpe", false, 1);
    Map<String, int[]> sw = drawInBrowser(dev.nanpin.sim.optimize.SweepReport.html("Sweep", "grid", ranked, "sharpe",
        false, dev.nanpin.sim.Assumptions.of(config), "nanpin sweep --walk-forward rolling"), "sweep");
    assertThat(sw).containsOnlyKeys("heatmap", "sensitivity-step", "sensitivity-takeProfit", "metric");
    assertThat(sw.get("heatmap")[2]).as("one cell per candidate").isEqualTo(6);
  }

  @Test
  void aPortfolioReportDrawsInARealBrowser() throws Exception {
    // the report of `nanpin backtest --data a.csv --data b.csv`: two GBM symbols on a resting ladder each
    java.util.List<dev.nanpin.sim.portfolio.PortfolioLeg> legs = new java.util.ArrayList<>();
    for (int seed : new int[] {7, 8}) {
      dev.nanpin.sim.montecarlo.PathBuffer b = new dev.nanpin.sim.montecarlo.PathBuffer();
      dev.nanpin.sim.montecarlo.GbmGenerator.btcLikeHourly(seed).generate(0, 24 * 60, b);
      legs.add(new dev.nanpin.sim.portfolio.PortfolioLeg("S" + seed,
          dev.nanpin.sim.BarData.of(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume()), config()));
    }
    dev.nanpin.sim.portfolio.PortfolioBacktester bt = new dev.nanpin.sim.portfolio.PortfolioBacktester(10_000, null);
    dev.nanpin.sim.portfolio.PortfolioResult r = bt.run(legs,
        s -> new dev.nanpin.strategy.NanpinStrategy(dev.nanpin.strategy.NanpinConfig.defaults()),
        s -> dev.nanpin.Sizer.fixedQuote(100));
    assertThat(r.fills("S7")).isNotEmpty();
    assertThat(r.fills("S8")).isNotEmpty();
    HtmlReport report = dev.nanpin.sim.PortfolioReportWriter.html(r, "Portfolio", "nanpin on S7, S8",
        bt.assumptions(legs));
    Map<String, int[]> charts = drawInBrowser(report, "portfolio");
    assertThat(charts).containsOnlyKeys("equity", "equity-drawdown", "capital-in-use", "symbol-pnl", "symbol-exposure",
        "correlation");
    assertThat(charts.get("capital-in-use")[2]).as("total and one line per symbol").isEqualTo(3);
    assertThat(charts.get("symbol-pnl")[2]).as("one line per symbol").isEqualTo(2);
    assertThat(charts.get("correlation")[2]).as("a 2 x 2 matrix").isEqualTo(4);
  }

  /** Three phases and an event of each side, over bars {@code 0..n-1}. */
  static HtmlReport.Phases phases(int n, double[] close) {
    return new HtmlReport.Phases("Wyckoff <phases>", "how to read it",
        List.of(new HtmlReport.Span(n / 20, n / 4, "acc. A", "up", "accumulation phase A"),
            new HtmlReport.Span(n / 4 + 1, n / 2, "acc. B", "up", "accumulation phase B"),
            new HtmlReport.Span(3 * n / 4, n - 1, "dist. A", "down", "distribution phase A")),
        List.of(new HtmlReport.Mark(n / 20, close[n / 20], "SC", true, "SC: evidence bar " + n / 20),
            new HtmlReport.Mark(3 * n / 4, close[3 * n / 4], "BC", false, "BC: evidence bar " + 3 * n / 4)));
  }

  @Test
  void aBacktestReportWithAPhaseChartDrawsInARealBrowser() throws Exception {
    dev.nanpin.sim.montecarlo.PathBuffer b = new dev.nanpin.sim.montecarlo.PathBuffer();
    dev.nanpin.sim.montecarlo.GbmGenerator.btcLikeHourly(7).generate(0, 24 * 60, b);
    dev.nanpin.sim.BarData data = dev.nanpin.sim.BarData.of(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
    dev.nanpin.sim.BacktestResult backtest = new dev.nanpin.sim.Backtester(config())
        .run(data, new dev.nanpin.strategy.NanpinStrategy(dev.nanpin.strategy.NanpinConfig.defaults()),
            dev.nanpin.Sizer.fixedQuote(100));
    HtmlReport report = backtest.toHtml("Backtest", "nanpin", dev.nanpin.sim.Assumptions.none(),
        phases(data.size(), b.close()));
    String html = report.render();
    assertThat(html.indexOf("data-chart=\"price\"")).isLessThan(html.indexOf("data-chart=\"phases\""));
    assertThat(html).contains("Wyckoff &lt;phases&gt;").contains("<title>accumulation phase B</title>")
        .contains(">acc. B</text>").contains(">SC</text>").contains("<title>BC: evidence bar " + 3 * data.size() / 4)
        .contains("<p class=\"note\">how to read it</p>");
    assertThat(html.split("class=\"phase\"", -1)).as("three shaded spans").hasSize(4);
    Map<String, int[]> charts = drawInBrowser(report, "phases");
    assertThat(charts).containsOnlyKeys("price", "phases", "equity", "equity-drawdown", "trade-returns");
    assertThat(charts.get("phases")[2]).as("price line, three spans, two markers").isGreaterThanOrEqualTo(6);
  }

  private static dev.nanpin.sim.SimulationConfig config() {
    return dev.nanpin.sim.SimulationConfig.defaults();
  }

  /** The tick labels of one chart, in document order. */
  private static List<String> tickLabels(String html, String chartId, boolean yAxis) {
    int from = html.indexOf("data-chart=\"" + chartId + "\"");
    String svg = html.substring(from, html.indexOf("</svg>", from));
    Matcher m = Pattern.compile("<text class=\"tick\" text-anchor=\"(end|middle)\"[^>]*>([^<]*)</text>").matcher(svg);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      if (m.group(1).equals(yAxis ? "end" : "middle")) {
        out.add(m.group(2));
      }
    }
    return out;
  }

  @Test
  void integerAxesHaveNoFractionalOrRepeatedLabels() {
    // two categories: the x axis once read "-1, 0, 0, 1" (ticks at -0.5, 0, 0.5, 1 printed as integers)
    String html = HtmlReport.builder("t").counts("c", "Depth", new int[] {1, 2}, 0)
        .histogram("h", "One path", new double[] {0.1}, 10, true, Double.NaN).build().render();
    List<String> x = tickLabels(html, "c", false);
    assertThat(x).doesNotHaveDuplicates().allMatch(l -> l.matches("-?\\d+"));
    assertThat(x).contains("0", "1");
    assertThat(tickLabels(html, "c", true)).doesNotHaveDuplicates().allMatch(l -> l.matches("\\d+"));
    assertThat(tickLabels(html, "h", true)).doesNotHaveDuplicates().allMatch(l -> l.matches("\\d+"));
  }

  @Test
  void aShallowDrawdownAxisHasDistinctTicks() {
    long[] t = new long[50];
    double[] e = new double[50];
    for (int i = 0; i < 50; i++) {
      t[i] = 1_577_836_800_000L + i * 3_600_000L;
      e[i] = 10_000 - (i % 7 == 3 ? 0.3 : 0); // drawdowns of 0.003 %
    }
    String html = HtmlReport.builder("t").equityChart("e", "Equity", t, e, 50, new int[0], new boolean[0], 0)
        .build().render();
    List<String> dd = tickLabels(html, "e-drawdown", true);
    assertThat(dd).hasSizeGreaterThan(1).doesNotHaveDuplicates();
  }

  @Test
  void oneValueWrittenTwoWaysFallsInOneBin() {
    // 0.7 - 0.4 and 0.3 are the same return for a person; float noise (0.29999999999999993) once
    // put the first below the bin edge at 0.3 and the second above it
    double[] v = {0.0, 0.7 - 0.4, 0.3, 0.6};
    String html = HtmlReport.builder("t").histogram("h", "Returns", v, 2, true, Double.NaN).build().render();
    // two bins of width 0.3: [0, 0.3) holds 0.0 only, [0.3, 0.6] holds the three others
    assertThat(html).contains("<title>1</title>").contains("<title>3</title>").doesNotContain("<title>2</title>");
  }

  @Test
  void everyChartHasAxisTitles() {
    String html = sample().render();
    int charts = html.split("<svg class=\"chart\"", -1).length - 1;
    int titles = html.split("class=\"axis-title\"", -1).length - 1;
    assertThat(titles).isEqualTo(2 * charts);
  }

  /**
   * Renders a report in headless Chromium and measures each chart after layout: width, height and
   * the number of drawn marks (polylines, polygons and bars with a non-empty box). Every chart must
   * be visible and have drawn content. Skips the test when no browser can be had.
   */
  private Map<String, int[]> drawInBrowser(HtmlReport report, String name) throws Exception {
    Optional<HeadlessChromium> chromium = HeadlessChromium.find();
    assumeTrue(chromium.isPresent(), "no headless Chromium on this machine (install Debian's chromium); skipped");
    Path file = dir.resolve(name + ".html");
    report.write(file);

    // a copy with a probe that measures each chart after layout; the report itself has no script
    String probe = """
        <script>
        const out = [];
        document.querySelectorAll('svg.chart').forEach(svg => {
          const r = svg.getBoundingClientRect();
          let marks = 0;
          svg.querySelectorAll('polyline, polygon, rect:not(.legend)').forEach(el => {
            const b = el.getBBox();
            if (b.width > 0 && b.height > 0) marks++;
          });
          out.push(svg.dataset.chart + ':' + Math.round(r.width) + ':' + Math.round(r.height) + ':' + marks);
        });
        document.body.setAttribute('data-probe', out.join(';'));
        </script></body>""";
    Path probed = dir.resolve(name + "-probed.html");
    Files.writeString(probed, report.render().replace("</body>", probe));
    String dom = chromium.get().dumpDom(probed, dir);
    Matcher m = Pattern.compile("data-probe=\"([^\"]*)\"").matcher(dom);
    assertThat(m.find()).as("probe ran; chromium output: %s", dom.length() > 500 ? dom.substring(0, 500) : dom).isTrue();
    Map<String, int[]> charts = new LinkedHashMap<>();
    for (String entry : m.group(1).split(";")) {
      String[] parts = entry.split(":");
      charts.put(parts[0], new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3])});
    }
    charts.forEach((id, v) -> {
      assertThat(v[0]).as("%s width", id).isGreaterThan(300);
      assertThat(v[1]).as("%s height", id).isGreaterThan(100);
      assertThat(v[2]).as("%s drawn marks", id).isGreaterThan(0);
    });

    // and the pixels: the page carries colour beyond frames and grid lines
    Path png = dir.resolve(name + ".png");
    chromium.get().screenshot(file, png, 900, 2600, dir);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).isNotNull();
    int coloured = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x2 = 0; x2 < img.getWidth(); x2 += 2) {
        int rgb = img.getRGB(x2, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int bl = rgb & 0xff;
        if (Math.max(r, Math.max(g, bl)) - Math.min(r, Math.min(g, bl)) > 40) {
          coloured++;
        }
      }
    }
    assertThat(coloured).as("coloured pixels in the screenshot of %s", name).isGreaterThan(3_000);
    return charts;
  }
}
