package dev.nanpin.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.ml.drift.Adwin;
import dev.nanpin.ml.drift.PageHinkley;
import dev.nanpin.ml.drift.Psi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The drift detectors against the reference implementation's outputs on identical streams
 * (recorded in {@code drift-reference.txt}), and PSI against its published test vector.
 */
class DriftReferenceTest {

  /** The streams the reference outputs were recorded on; must not change. */
  static double[] stream(String kind, long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = switch (kind) {
        case "bernoulli" -> r.nextDouble() < (i < n / 2 ? 0.2 : 0.6) ? 1 : 0;
        case "gauss" -> (i < n / 2 ? 0 : 0.5) + gauss(r);
        case "gradual" -> (i < n / 3 ? 0 : Math.min(1.0, (i - n / 3) / (double) (n / 3))) + 0.3 * gauss(r);
        case "stable" -> r.nextDouble();
        case "step" -> (i < n / 2 ? 0 : 1) + 0.1 * gauss(r);
        default -> throw new IllegalArgumentException(kind);
      };
    }
    return x;
  }

  static double gauss(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  static List<String[]> reference() throws IOException {
    try (InputStream in = DriftReferenceTest.class.getResourceAsStream("drift-reference.txt")) {
      List<String[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split("\\|", -1));
        }
      }
      return out;
    }
  }

  @Test
  void adwinCutsWhereTheReferenceCutsWithTheSameWidths() throws IOException {
    int checked = 0;
    for (String[] rec : reference()) {
      String[] head = rec[0].trim().split(" ");
      if (!head[0].equals("adwin")) {
        continue;
      }
      double[] x = stream(head[1], Long.parseLong(head[2]), Integer.parseInt(head[3]));
      Adwin adwin = new Adwin(0.002);
      StringBuilder got = new StringBuilder();
      for (int i = 0; i < x.length; i++) {
        if (adwin.add(x[i])) {
          got.append(i).append(':').append(adwin.width()).append(' ');
        }
      }
      assertThat(got.toString().trim()).as("ADWIN on %s", rec[0]).isEqualTo(rec[1].trim());
      String[] tail = rec[2].trim().split(" ");
      assertThat(adwin.width()).isEqualTo(Integer.parseInt(tail[0].substring("width=".length())));
      assertThat(adwin.mean()).isCloseTo(Double.parseDouble(tail[1].substring("mean=".length())), within(1e-12));
      checked++;
    }
    assertThat(checked).isEqualTo(5);
  }

  @Test
  void pageHinkleySignalsWhereTheReferenceSignals() throws IOException {
    int checked = 0;
    for (String[] rec : reference()) {
      String[] head = rec[0].trim().split(" ");
      if (!head[0].equals("ph")) {
        continue;
      }
      double[] x = stream(head[1], Long.parseLong(head[2]), Integer.parseInt(head[3]));
      PageHinkley ph = new PageHinkley();
      StringBuilder got = new StringBuilder();
      for (int i = 0; i < x.length; i++) {
        if (ph.add(x[i])) {
          got.append(i).append(' ');
        }
      }
      assertThat(got.toString().trim()).as("Page-Hinkley on %s", rec[0]).isEqualTo(rec[1].trim());
      checked++;
    }
    assertThat(checked).isEqualTo(5);
  }

  @Test
  void psiMatchesThePublishedVector() {
    assertThat(Psi.of(new double[] {.25, .25, .25, .25}, new double[] {.1, .2, .3, .4})).isCloseTo(0.2282, within(5e-5));
    assertThat(Psi.of(new double[] {.5, .5}, new double[] {.5, .5})).isZero();
  }

  @Test
  void psiBinsByTrainingDecilesAndSeesAShift() {
    SplittableRandom r = new SplittableRandom(9);
    double[] train = new double[5000];
    double[] same = new double[2000];
    double[] shifted = new double[2000];
    for (int i = 0; i < train.length; i++) {
      train[i] = gauss(r);
    }
    for (int i = 0; i < same.length; i++) {
      same[i] = gauss(r);
      shifted[i] = gauss(r) + 1;
    }
    double[] edges = Psi.edges(train, 10);
    double[] expected = Psi.shares(train, edges);
    for (double s : expected) {
      assertThat(s).isCloseTo(0.1, within(0.002));
    }
    assertThat(Psi.of(expected, Psi.shares(same, edges))).isLessThan(0.02);
    assertThat(Psi.of(expected, Psi.shares(shifted, edges))).isGreaterThan(0.25);
  }
}
