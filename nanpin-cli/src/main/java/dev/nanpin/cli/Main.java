package dev.nanpin.cli;

import dev.nanpin.NanpinException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code nanpin} command. */
public final class Main {
  private Main() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the command without exiting, for tests and embedding.
   *
   * @param out standard output
   * @param err standard error
   * @param args the command line
   * @return the exit code: {@code 0} on success, {@code 1} on an error, {@code 2} on a usage error
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    NanpinCommand root = new NanpinCommand();
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // One clear line; the stack trace only on request.
      if (root.verbose()) {
        e.printStackTrace(err);
      }
      err.println("nanpin: " + describe(e));
      err.flush();
      return 1;
    });
    cli.setParameterExceptionHandler((e, argv) -> {
      err.println("nanpin: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return 2;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static String describe(Throwable e) {
    if (e instanceof NanpinException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
