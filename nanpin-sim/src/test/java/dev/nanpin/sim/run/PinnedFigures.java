package dev.nanpin.sim.run;

import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.montecarlo.PathSummary;
import dev.nanpin.sim.optimize.Sweep;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Digests of a run's raw results (every double by its bits), so a test can say "the same to the
 * last bit" about thousands of figures in one line.
 */
final class PinnedFigures {
  private PinnedFigures() {}

  static String digest(MonteCarloResult r) {
    MessageDigest md = sha256();
    for (int p = 0; p < r.paths(); p++) {
      PathSummary s = r.path(p);
      put(md, s.finalEquity(), s.annualReturn(), s.sharpe(), s.maxDrawdown(), s.ruined() ? 1 : 0, s.trades(),
          s.tradesPerYear(), s.maxLadderDepth(), s.ladderExhausted() ? 1 : 0, s.peakCapitalInUse(), s.recoveryDays());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Like {@link #digest(MonteCarloResult)}, with every field of every summary. */
  static String digestAll(MonteCarloResult r) {
    MessageDigest md = sha256();
    for (int p = 0; p < r.paths(); p++) {
      PathSummary s = r.path(p);
      put(md, s.finalEquity(), s.annualReturn(), s.sharpe(), s.maxDrawdown(), s.ruined() ? 1 : 0, s.trades(),
          s.tradesPerYear(), s.maxLadderDepth(), s.ladderExhausted() ? 1 : 0, s.peakCapitalInUse(), s.recoveryDays(),
          s.maxUnderwaterDays());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String digest(List<Sweep.Result> ranked) {
    MessageDigest md = sha256();
    for (Sweep.Result r : ranked) {
      md.update((r.index() + ";" + r.parameters() + ";" + r.error() + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (Map.Entry<String, Double> f : r.figures().entrySet()) {
        md.update(f.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        put(md, f.getValue());
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void put(MessageDigest md, double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length);
    for (double v : values) {
      b.putLong(Double.doubleToRawLongBits(v));
    }
    md.update(b.array());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
