package dev.nanpin.ml.internal;

import dev.nanpin.ml.MemberKind;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains and loads ensemble members. A member whose native library cannot be loaded (an {@link
 * LinkageError} such as {@link UnsatisfiedLinkError}, or XGBoost's own error while it initialises)
 * is left out: the ensemble runs without it, and the first time a kind is left out a WARN line
 * says so. Thread-safe.
 */
public final class Members {
  private static final Logger LOG = LoggerFactory.getLogger(Members.class);
  private static final Set<MemberKind> WARNED = EnumSet.noneOf(MemberKind.class);

  private Members() {}

  /** The hyper-parameters of the members. */
  public record Settings(int trees, int forestDepth, int boostRounds, int boostDepth, Mlp.Settings mlp) {
    /** Validates the settings. */
    public Settings {
      if (trees < 1 || forestDepth < 1 || boostRounds < 1 || boostDepth < 1) {
        throw new IllegalArgumentException("tree counts and depths must be >= 1");
      }
    }
  }

  /**
   * Trains one member.
   *
   * @param kind the kind
   * @param x scaled rows
   * @param y labels
   * @param s settings
   * @param seed the seed
   * @return the member, or {@code null} when its library is unavailable on this machine
   */
  public static Member train(MemberKind kind, double[][] x, int[] y, Settings s, long seed) {
    return switch (kind) {
      case FOREST -> trainOrSkip(kind, () -> ForestMember.train(x, y, s.trees(), s.forestDepth(), seed));
      case BOOSTING -> trainOrSkip(kind, () -> BoostMember.train(x, y, s.boostRounds(), s.boostDepth(), seed));
      case MLP -> trainOrSkip(kind, () -> new MlpMember(Mlp.train(x, y, s.mlp(), seed)));
    };
  }

  /**
   * Loads one member from its payload.
   *
   * @param kind the kind
   * @param payload the bytes {@link Member#payload()} gave
   * @param width the number of features
   * @return the member, or {@code null} when its library is unavailable on this machine
   */
  public static Member load(MemberKind kind, byte[] payload, int width) {
    return switch (kind) {
      case FOREST -> trainOrSkip(kind, () -> ForestMember.load(payload, width));
      case BOOSTING -> trainOrSkip(kind, () -> BoostMember.load(payload, width));
      case MLP -> trainOrSkip(kind, () -> MlpMember.load(payload));
    };
  }

  /**
   * Runs a member's training or loading; a native library that fails to load leaves the member
   * out instead of failing the ensemble.
   *
   * @param kind the member kind, for the warning
   * @param work the training or loading
   * @return the member, or {@code null} when its native library is unavailable
   */
  public static Member trainOrSkip(MemberKind kind, Callable<Member> work) {
    try {
      return work.call();
    } catch (LinkageError e) {
      warnOnce(kind, e);
      return null;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // XGBoostError: the native library loaded but refused; treat it like a missing library.
      warnOnce(kind, e);
      return null;
    }
  }

  private static void warnOnce(MemberKind kind, Throwable e) {
    boolean first;
    synchronized (WARNED) {
      first = WARNED.add(kind);
    }
    if (first) {
      LOG.warn("ML ensemble: the {} member is unavailable on this machine ({}: {}); the ensemble runs without it",
          kind.id(), e.getClass().getSimpleName(), e.getMessage());
    }
  }
}
