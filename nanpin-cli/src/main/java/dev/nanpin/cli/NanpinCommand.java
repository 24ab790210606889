package dev.nanpin.cli;

import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code nanpin} command: global options and the subcommands. */
@Command(
    name = "nanpin",
    mixinStandardHelpOptions = true,
    versionProvider = NanpinCommand.Version.class,
    description = "Averaging-down and permanent-DCA trading: simulate, plan and trade crypto spot and perps.",
    subcommands = {PluginsCommand.class, MonteCarloCommand.class, BacktestCommand.class, SweepCommand.class,
        OptimizeCommand.class,
        PlanCommand.class, DataCommand.class, BackpackCommand.class, RunCommand.class, StatusCommand.class,
        OrdersCommand.class, ConfigCommand.class, InitCommand.class, SignalsCommand.class, MlCommand.class})
final class NanpinCommand implements Runnable {

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  private boolean verbose;

  @Option(names = "--plugin-path", scope = ScopeType.INHERIT, split = ",", paramLabel = "JAR|DIR",
      description = "Extra plugin jars, or directories of jars, to search for providers (comma-separated).")
  private List<Path> pluginPath = new ArrayList<>();

  private Plugins plugins;

  @picocli.CommandLine.Spec
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  boolean verbose() {
    return verbose;
  }

  /** The plugins on the class path plus those under {@code --plugin-path}; loaded once. */
  Plugins plugins() {
    if (plugins == null) {
      ClassLoader base = NanpinCommand.class.getClassLoader();
      plugins = pluginPath.isEmpty() ? Plugins.load(base) : Plugins.load(new URLClassLoader(urls(), base));
    }
    return plugins;
  }

  private URL[] urls() {
    List<URL> urls = new ArrayList<>();
    for (Path p : pluginPath) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.list(p)) {
          for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
            urls.add(toUrl(jar));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list plugin directory " + p, e);
        }
      } else if (Files.isRegularFile(p)) {
        urls.add(toUrl(p));
      } else {
        throw new IllegalArgumentException("--plugin-path entry does not exist: " + p);
      }
    }
    return urls.toArray(URL[]::new);
  }

  private static URL toUrl(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad plugin path " + p, e);
    }
  }

  /** Reads the version from the filtered resource, so it works from the jar and from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties props = new Properties();
      try (InputStream in = NanpinCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          props.load(in);
        }
      }
      return new String[] {"nanpin " + props.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
