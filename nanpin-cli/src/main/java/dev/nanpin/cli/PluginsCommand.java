package dev.nanpin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.PluginProvider;
import dev.nanpin.spi.Plugins;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nanpin plugins}: lists every discovered provider by family. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the strategy, sizer, data-source and exchange plugins found on the class path.")
final class PluginsCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  private boolean json;

  @Option(names = "--params", description = "Also list each plugin's parameters with defaults.")
  private boolean params;

  @Override
  public Integer call() throws Exception {
    Plugins plugins = root.plugins();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(plugins));
    } else {
      printTable(plugins, out);
    }
    return 0;
  }

  private void printTable(Plugins plugins, PrintWriter out) {
    for (PluginFamily family : PluginFamily.values()) {
      List<PluginProvider<?>> providers = plugins.providers(family);
      out.println(family.label() + " (" + providers.size() + ")");
      for (PluginProvider<?> p : providers) {
        out.printf(Locale.ROOT, "  %-18s %s%n", p.id(), p.description());
        if (params) {
          for (ConfigSpec.Param param : p.configSpec().params()) {
            out.printf(Locale.ROOT, "      %-22s %-11s default %-10s range %-18s %s%n", param.name(),
                param.type().name().toLowerCase(Locale.ROOT), shownDefault(param), range(param), param.description());
          }
        }
      }
    }
    for (String problem : plugins.problems()) {
      out.println("problem: " + problem);
    }
  }

  /** The accepted values: {@code [min, max]}, one side open when unbounded, the names of an enum, or "any". */
  static String range(ConfigSpec.Param param) {
    if (param.enumType() != null) {
      List<String> names = new java.util.ArrayList<>();
      for (Object c : param.enumType().getEnumConstants()) {
        names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      return String.join("|", names);
    }
    if (param.min() == null && param.max() == null) {
      return "any";
    }
    if (Double.valueOf(Double.MIN_VALUE).equals(param.min())
        && (param.max() == null || Double.valueOf(Double.MAX_VALUE).equals(param.max()))) {
      return "> 0";
    }
    return "[" + (param.min() == null ? "-inf" : number(param.min())) + ", "
        + (param.max() == null || Double.valueOf(Double.MAX_VALUE).equals(param.max()) ? "+inf" : number(param.max())) + "]";
  }

  private static String number(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return v instanceof java.time.Duration d ? durationText(d)
        : String.valueOf(v);
  }

  private static String durationText(java.time.Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0 && s > 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 && s > 0 ? s / 60 + "m" : d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
  }

  private static String shownDefault(ConfigSpec.Param param) {
    Object d = param.defaultValue();
    if (d == null || (d instanceof Double x && x.isNaN())) {
      return "(off)";
    }
    return d instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : String.valueOf(d);
  }

  private static String toJson(Plugins plugins) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode rootNode = mapper.createObjectNode();
    for (PluginFamily family : PluginFamily.values()) {
      ArrayNode list = rootNode.putArray(family.label());
      for (PluginProvider<?> p : plugins.providers(family)) {
        ObjectNode node = list.addObject();
        node.put("id", p.id());
        node.put("description", p.description());
        node.put("class", p.getClass().getName());
        ArrayNode ps = node.putArray("parameters");
        for (ConfigSpec.Param param : p.configSpec().params()) {
          ObjectNode pn = ps.addObject();
          pn.put("name", param.name());
          pn.put("type", param.type().name().toLowerCase(Locale.ROOT));
          pn.put("default", shownDefault(param));
          pn.put("range", range(param));
          pn.put("description", param.description());
        }
      }
    }
    ArrayNode problems = rootNode.putArray("problems");
    plugins.problems().forEach(problems::add);
    return mapper.writeValueAsString(rootNode);
  }
}
