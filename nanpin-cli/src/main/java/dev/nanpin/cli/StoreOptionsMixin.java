package dev.nanpin.cli;

import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoreOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --store} option shared by the commands that read a bot's state store. */
final class StoreOptionsMixin {
  @Option(names = "--store", required = true, paramLabel = "FILE",
      description = "The bot's SQLite state store, e.g. bot.db. Opened read-only: safe while the bot runs.")
  Path store;

  /** Opens the store read-only, so that reading never migrates or locks out the running bot. */
  StateStore open() {
    return StateStore.open(store, StoreOptions.defaults().asReadOnly());
  }
}
