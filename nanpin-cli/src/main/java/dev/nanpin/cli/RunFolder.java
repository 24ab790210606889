package dev.nanpin.cli;

import dev.nanpin.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a command's results go to: {@code nanpin-runs/<command>-<UTC time>/} by default (a
 * new folder per run, with {@code -2}, {@code -3}, ... when two runs start in the same second), or
 * the {@code --out} folder, which must not exist or be empty. Output paths are claimed before the
 * long work starts, so that a run never ends by failing to write or by overwriting an earlier
 * run's files; every path written is printed.
 *
 * <p>The default root {@code nanpin-runs} (relative to the working directory) can be moved with
 * the system property {@value #ROOT_PROPERTY} (the build points it into {@code target/}). Not
 * thread-safe: one per command run.
 */
final class RunFolder {
  /** System property naming the folder the default run folders are created in. */
  static final String ROOT_PROPERTY = "nanpin.runs.root";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final List<Path> claimed = new ArrayList<>();

  private RunFolder(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates the run folder now, before any work.
   *
   * @param out the {@code --out} folder, or {@code null} for a new one under the runs root
   * @param command the command name, the folder's prefix
   * @param clock the clock of the folder's time stamp
   * @return the folder, existing and empty
   * @throws ConfigException if {@code out} exists and is not an empty folder
   */
  static RunFolder create(Path out, String command, Clock clock) {
    try {
      if (out != null) {
        if (Files.exists(out) && !(Files.isDirectory(out) && isEmpty(out))) {
          throw new ConfigException("out", "--out " + out + " already exists and is not an empty folder; "
              + "choose another (runs never overwrite earlier results)");
        }
        Files.createDirectories(out);
        return new RunFolder(out);
      }
      Path root = Path.of(System.getProperty(ROOT_PROPERTY, "nanpin-runs"));
      Files.createDirectories(root);
      String base = command + "-" + STAMP.format(clock.instant());
      for (int n = 1; ; n++) {
        Path candidate = root.resolve(n == 1 ? base : base + "-" + n);
        try {
          Files.createDirectory(candidate);
          return new RunFolder(candidate);
        } catch (FileAlreadyExistsException taken) {
          // another run of the same second: try the next suffix
        }
      }
    } catch (IOException e) {
      throw new ConfigException("out", "cannot create the run folder: " + e.getMessage());
    }
  }

  private static boolean isEmpty(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    }
  }

  /** The folder. */
  Path dir() {
    return dir;
  }

  /**
   * Claims an output file before the work: the explicit path when given (it must not exist),
   * else {@code defaultName} inside the run folder.
   *
   * @param explicit a path given by an option, or {@code null}
   * @param option the option's name, for the message
   * @param defaultName the file name inside the folder
   * @return the path to write later
   * @throws ConfigException if the explicit file already exists or its folder does not
   */
  Path claim(Path explicit, String option, String defaultName) {
    Path p = explicit == null ? dir.resolve(defaultName) : explicit;
    requireNew(p, option);
    claimed.add(p);
    return p;
  }

  /**
   * Prints every claimed path that was written, one {@code wrote PATH} line each.
   *
   * @param out where to print
   */
  void printWritten(PrintWriter out) {
    for (Path p : claimed) {
      if (Files.exists(p)) {
        out.println("wrote " + p.toAbsolutePath().normalize());
      }
    }
    out.flush();
  }

  /**
   * Checks a single output file before the work (commands without a run folder).
   *
   * @param file the file an option names
   * @param option the option's name, for the message
   * @throws ConfigException if it exists or its folder does not
   */
  static void requireNew(Path file, String option) {
    if (Files.exists(file)) {
      throw new ConfigException(option, option + " " + file + " already exists; not overwritten");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new ConfigException(option, option + " " + file + ": folder " + parent + " not found");
    }
  }
}
