package dev.nanpin.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds files of the project's shared material ({@code ../shared}: real price history, API
 * fixtures) for tests and benchmarks. The location comes from the system property
 * {@code nanpin.shared.dir} (set by the build), else {@code ../shared} and {@code ../../shared}
 * relative to the working directory.
 */
public final class SharedData {
  private SharedData() {}

  /**
   * Finds a shared file.
   *
   * @param relative a path below the shared directory, e.g. {@code data/btc-usdt-1h.csv}
   * @return the file, or empty when it is not present on this machine
   */
  public static Optional<Path> find(String relative) {
    String configured = System.getProperty("nanpin.shared.dir");
    Path[] roots = configured != null
        ? new Path[] {Path.of(configured)}
        : new Path[] {Path.of("..", "shared"), Path.of("..", "..", "shared")};
    for (Path root : roots) {
      Path p = root.resolve(relative).normalize();
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a shared file, or skips the calling test (JUnit assumption) when it is absent.
   *
   * @param relative a path below the shared directory
   * @return the file
   */
  public static Path require(String relative) {
    Optional<Path> p = find(relative);
    assumeTrue(p.isPresent(), () -> "shared file " + relative + " is not present; test skipped");
    return p.get();
  }
}
