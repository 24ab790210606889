package dev.nanpin.cli;

import dev.nanpin.cli.config.BotConfig;
import dev.nanpin.cli.config.BotConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nanpin config --config bot.yaml}: checks a bot configuration and prints it, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Check a bot's YAML configuration (secrets file and NANPIN_* environment overrides applied, "
        + "plugin parameters validated) and print the effective configuration with secrets masked.")
final class ConfigCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The bot's YAML file.")
  private Path config;

  @Override
  public Integer call() {
    BotConfigLoader loader = new BotConfigLoader(System.getenv(), root.plugins());
    BotConfig bot = loader.load(config);
    List<String> warnings = loader.validate(bot);
    PrintWriter out = spec.commandLine().getOut();
    out.print(loader.maskedYaml(bot));
    PrintWriter err = spec.commandLine().getErr();
    for (String w : warnings) {
      err.println("warning: " + w);
    }
    out.flush();
    err.flush();
    return 0;
  }
}
