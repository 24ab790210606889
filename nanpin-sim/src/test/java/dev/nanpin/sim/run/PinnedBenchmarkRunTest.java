package dev.nanpin.sim.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Sizer;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.spi.Plugins;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the Monte Carlo run that {@code MonteCarloBenchmark.nanpinLadder} times (the {@code nanpin}
 * ladder with its defaults on one-year hourly paths of {@code GbmGenerator.btcLikeHourly(42)},
 * fixed quote 100, 10 bps fees, next-open fills), on its first 120 paths, to the figures the code
 * gave before the Monte Carlo speed work of issue 16 (recorded at commit {@code efc5939}): every
 * path summary by its bits, the whole JSON report and the HTML report (its fan chart draws the sampled curves), so that making the run faster provably
 * changes no figure.
 */
class PinnedBenchmarkRunTest {
  static final String SUMMARIES = "1aff3bf3dffc3ea37f96f7dbcc3021ce0f0eb61f54d6db100f57e305e4322595";
  static final String JSON = "7816bdbc5262126c03d2aabf8f0948920b0a52868bddf3190eba5ed926d3160f";
  /**
   * Re-recorded when the shared style sheet gained the line colours of {@code HtmlReport.Builder.lines}
   * (the portfolio report): the page without those CSS lines still gives the digest of {@code efc5939},
   * {@code f95188138c32a3c1b70c562bb5e076359742cba29b2a8b2071c4322ed74d951a}.
   */
  static final String HTML = "3511532d8476bcbef1fe9b0138a1ea9a2bc6580c00d2c8723a2ea70c4487b96d";

  static MonteCarloResult run(int threads) {
    Plugins plugins = Plugins.load();
    SimulationConfig sim = SimulationConfig.builder().capital(10_000).feeBps(10).build();
    return MonteCarlo.builder(GbmGenerator.btcLikeHourly(42),
            () -> new BacktestEvaluator(sim, () -> plugins.strategy("nanpin", Map.of()), () -> Sizer.fixedQuote(100)))
        .paths(120).bars(8760).threads(threads).initialEquity(10_000).nanoTime(() -> 0L).build().run();
  }

  @Test
  void theBenchmarkRunIsPinned() {
    MonteCarloResult one = run(1);
    MonteCarloResult two = run(2);
    String json = sha256(one.toJson());
    String html = sha256(one.toHtml("t", "s").render());
    assertThat(PinnedFigures.digestAll(two)).isEqualTo(PinnedFigures.digestAll(one));
    assertThat(PinnedFigures.digestAll(one)).isEqualTo(SUMMARIES);
    assertThat(json).isEqualTo(JSON);
    assertThat(html).isEqualTo(HTML);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
