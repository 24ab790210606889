package dev.nanpin.spi;

import dev.nanpin.DataSource;
import dev.nanpin.Exchange;
import dev.nanpin.PluginException;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers found on a class loader, and lookup by family and id.
 *
 * <p>Explicit construction ({@code new BackpackExchange(config)}) is the main path; lookup by id
 * is the convenience used by the CLI and config files:
 * <pre>{@code
 * Plugins plugins = Plugins.load();
 * Strategy s = plugins.strategy("nanpin", Map.of("levels", "6", "step", "0.03"));
 * }</pre>
 *
 * <p>Loading reads {@code META-INF/services} (and {@code provides} on the module path) once;
 * hold on to the result rather than loading per lookup. A provider that fails to load is logged
 * at WARN and listed in {@link #problems()} without hiding the others. Looking up an unknown id
 * fails naming the known ids; an id claimed by two providers fails naming both classes.
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class Plugins {
  private static final Logger log = LoggerFactory.getLogger(Plugins.class);
  private static final int MAX_LOAD_ERRORS = 100;

  private final Map<PluginFamily, List<PluginProvider<?>>> providers;
  private final List<String> problems;

  private Plugins(Map<PluginFamily, List<PluginProvider<?>>> providers, List<String> problems) {
    this.providers = providers;
    this.problems = List.copyOf(problems);
  }

  /**
   * Loads the providers visible to the thread's context class loader (or this class's loader).
   *
   * @return the loaded providers
   */
  public static Plugins load() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return load(cl != null ? cl : Plugins.class.getClassLoader());
  }

  /**
   * Loads the providers visible to a class loader, e.g. one over plugin jars.
   *
   * @param classLoader the loader to search
   * @return the loaded providers
   */
  public static Plugins load(ClassLoader classLoader) {
    Objects.requireNonNull(classLoader, "classLoader");
    Map<PluginFamily, List<PluginProvider<?>>> all = new EnumMap<>(PluginFamily.class);
    List<String> problems = new ArrayList<>();
    for (PluginFamily family : PluginFamily.values()) {
      all.put(family, Collections.unmodifiableList(loadFamily(family, classLoader, problems)));
    }
    for (PluginFamily family : PluginFamily.values()) {
      Map<String, List<PluginProvider<?>>> byId = all.get(family).stream()
          .collect(Collectors.groupingBy(PluginProvider::id));
      byId.forEach((id, list) -> {
        if (list.size() > 1) {
          String message = duplicateMessage(family, id, list);
          log.warn(message);
          problems.add(message);
        }
      });
    }
    return new Plugins(all, problems);
  }

  private static List<PluginProvider<?>> loadFamily(
      PluginFamily family, ClassLoader cl, List<String> problems) {
    List<PluginProvider<?>> found = new ArrayList<>();
    // Iterate by hand: a broken provider throws ServiceConfigurationError from hasNext() or
    // next(), and ServiceLoader's iterator then moves on to the next one (SLF4J does the same).
    Iterator<? extends PluginProvider<?>> it = ServiceLoader.load(family.providerType(), cl).iterator();
    int errors = 0;
    while (errors < MAX_LOAD_ERRORS) {
      try {
        if (!it.hasNext()) {
          break;
        }
        PluginProvider<?> p = it.next();
        String id = p.id();
        if (id == null || id.isBlank()) {
          throw new IllegalStateException("provider " + p.getClass().getName() + " has no id");
        }
        found.add(p);
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        errors++;
        String message = "A %s provider failed to load and is skipped: %s".formatted(family.label(), e.getMessage());
        log.warn(message, e);
        problems.add(message);
      }
    }
    found.sort((a, b) -> a.id().compareTo(b.id()));
    return found;
  }

  private static String duplicateMessage(PluginFamily family, String id, List<PluginProvider<?>> list) {
    return "%s id '%s' is claimed by several providers: %s".formatted(family.label(), id,
        list.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", ")));
  }

  /**
   * @param family the family
   * @return its providers, sorted by id (duplicates included)
   */
  public List<PluginProvider<?>> providers(PluginFamily family) {
    return providers.get(family);
  }

  /** @return messages about providers that failed to load or clash, empty when all is well */
  public List<String> problems() {
    return problems;
  }

  /**
   * Finds the provider of an id.
   *
   * @param family the family
   * @param id the id
   * @return the provider
   * @throws PluginException if no provider or several providers have that id
   */
  public PluginProvider<?> provider(PluginFamily family, String id) {
    Objects.requireNonNull(id, "id");
    List<PluginProvider<?>> all = providers.get(family);
    List<PluginProvider<?>> matches = all.stream().filter(p -> p.id().equals(id)).toList();
    List<String> known = all.stream().map(PluginProvider::id).distinct().toList();
    if (matches.isEmpty()) {
      String near = nearest(id, known);
      throw new PluginException(family.label(), id, known,
          "No %s provider '%s'%s; available: %s".formatted(family.label(), id,
              near == null ? "" : "; did you mean '" + near + "'?",
              known.isEmpty() ? "(none)" : String.join(", ", known)));
    }
    if (matches.size() > 1) {
      throw new PluginException(family.label(), id, known, duplicateMessage(family, id, matches));
    }
    return matches.get(0);
  }

  /**
   * Creates a plugin: finds the provider, validates the settings against its spec, creates.
   *
   * @param family the family
   * @param id the id
   * @param settings raw settings (strings, numbers, booleans, lists)
   * @return the new plugin
   * @throws PluginException if the id is unknown or ambiguous
   * @throws dev.nanpin.ConfigException if a setting is unknown, mistyped or out of range
   */
  public Object create(PluginFamily family, String id, Map<String, ?> settings) {
    PluginProvider<?> provider = provider(family, id);
    Object plugin = provider.create(provider.configSpec().resolve(settings));
    if (!family.pluginType().isInstance(plugin)) {
      throw new PluginException(family.label(), id, List.of(), "provider %s created a %s, not a %s".formatted(
          provider.getClass().getName(), plugin == null ? "null" : plugin.getClass().getName(),
          family.pluginType().getSimpleName()));
    }
    return plugin;
  }

  /**
   * Creates a strategy by id.
   *
   * @param id the id, e.g. {@code nanpin}
   * @param settings raw settings
   * @return the new strategy
   */
  public Strategy strategy(String id, Map<String, ?> settings) {
    return (Strategy) create(PluginFamily.STRATEGY, id, settings);
  }

  /**
   * Creates a sizer by id.
   *
   * @param id the id, e.g. {@code fixed-quote}
   * @param settings raw settings
   * @return the new sizer
   */
  public Sizer sizer(String id, Map<String, ?> settings) {
    return (Sizer) create(PluginFamily.SIZER, id, settings);
  }

  /**
   * Creates a data source by id.
   *
   * @param id the id, e.g. {@code coingecko}
   * @param settings raw settings
   * @return the new data source
   */
  public DataSource dataSource(String id, Map<String, ?> settings) {
    return (DataSource) create(PluginFamily.DATA_SOURCE, id, settings);
  }

  /**
   * Creates an exchange connector by id.
   *
   * @param id the id, e.g. {@code backpack}
   * @param settings raw settings
   * @return the new connector
   */
  public Exchange exchange(String id, Map<String, ?> settings) {
    return (Exchange) create(PluginFamily.EXCHANGE, id, settings);
  }

  /**
   * Creates a signal generator by id.
   *
   * @param id the id, e.g. {@code wyckoff}
   * @param settings raw settings
   * @return the new generator
   */
  public SignalGenerator signalGenerator(String id, Map<String, ?> settings) {
    return (SignalGenerator) create(PluginFamily.SIGNAL, id, settings);
  }

  /**
   * The known id a mistyped id most likely meant: the one equal to it but for case and
   * punctuation ({@code fear-greed} for {@code feargreed}), else the nearest by edit distance
   * when at most a third of its letters (at least one) differ.
   *
   * @param id the id asked for
   * @param known the ids available
   * @return the suggestion, or {@code null} when none is close
   */
  public static String nearest(String id, List<String> known) {
    String bare = bare(id);
    for (String k : known) {
      if (bare(k).equals(bare)) {
        return k;
      }
    }
    String best = null;
    int bestDistance = Math.max(1, id.length() / 3) + 1;
    for (String k : known) {
      int d = distance(id.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best;
  }

  private static String bare(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
