package dev.nanpin.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT handling through {@code sun.misc.Signal}: the handler replaces the JVM's
 * default (run the shutdown hooks, exit 143), so a bot stopped by its supervisor can finish its
 * in-flight work and exit 0. Where the API is missing, the shutdown hook still stops the engine.
 */
final class Signals {
  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  static void onTerminate(Runnable action) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
          log.info("SIG{} received: stopping gracefully", name);
          action.run();
        });
      } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
        log.debug("cannot handle SIG{}: {}", name, e.toString());
      }
    }
  }
}
