package dev.nanpin.sim.internal;

import java.util.function.Supplier;

/**
 * Where {@link LegEngine#create()} finds the simulator's engine: its class lives in the
 * simulator's own package, package-private, and registers its constructor here when it is
 * initialised. Not part of the library's API.
 */
public final class LegEngines {
  private static final String ENGINE = "dev.nanpin.sim.Engine";
  private static volatile Supplier<LegEngine> factory;

  private LegEngines() {}

  /**
   * Called once by the engine's class.
   *
   * @param engines makes a new engine
   */
  public static void register(Supplier<LegEngine> engines) {
    factory = engines;
  }

  static LegEngine create() {
    Supplier<LegEngine> f = factory;
    if (f == null) {
      try {
        Class.forName(ENGINE, true, LegEngines.class.getClassLoader()); // its initialiser registers it
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("the simulator's engine is missing: " + ENGINE, e);
      }
      f = factory;
    }
    return f.get();
  }
}
