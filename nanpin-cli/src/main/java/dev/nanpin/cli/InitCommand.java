package dev.nanpin.cli;

import dev.nanpin.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nanpin init}: writes a commented {@code bot.yaml} that runs as is on a paper account and a
 * {@code .env.example} listing every key variable; never overwrites a file.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Write a commented bot.yaml (a paper-tradable nanpin ladder on SOL_USDC) and a .env.example listing "
        + "every key nanpin reads. Then: nanpin run --config bot.yaml --paper"})
final class InitCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR", description = "Folder to write into (default: the current one).")
  private Path dir;

  @Override
  public Integer call() throws IOException {
    List<String[]> files = List.of(new String[] {"bot.yaml", "bot.yaml"}, new String[] {"env.example", ".env.example"});
    for (String[] f : files) {
      Path target = dir.resolve(f[1]);
      if (Files.exists(target)) {
        throw new ConfigException("init", target + " already exists; not overwritten (remove it or use --dir)");
      }
    }
    Files.createDirectories(dir);
    PrintWriter out = spec.commandLine().getOut();
    for (String[] f : files) {
      Path target = dir.resolve(f[1]);
      try (InputStream in = InitCommand.class.getResourceAsStream("init/" + f[0])) {
        if (in == null) {
          throw new IllegalStateException("the template " + f[0] + " is missing from the nanpin jar");
        }
        Files.copy(in, target);
      }
      out.println("wrote " + target.toAbsolutePath().normalize());
    }
    Path yaml = dir.resolve("bot.yaml");
    out.println();
    out.println("Next:");
    out.println("  nanpin config --config " + yaml + "          # check it");
    out.println("  nanpin run --config " + yaml + " --paper     # paper trading on Backpack's public prices; Ctrl-C stops");
    return 0;
  }
}
