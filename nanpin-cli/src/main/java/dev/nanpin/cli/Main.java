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
    int code;
    try {
      code = cli.execute(args);
    } catch (Throwable e) {
      // An error the handler above never saw (an Error such as OutOfMemoryError, or one thrown
      // outside a command): still one line, the stack only on request.
      if (root.verbose()) {
        e.printStackTrace(err);
      }
      err.println("nanpin: " + describe(e));
      code = 1;
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * One line for an error, in the user's terms: the message of our own errors, the file and what
   * happened for I/O errors, never a bare Java class name unless nothing else is known.
   */
  static String describe(Throwable e) {
    if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
      return describe(u.getCause());
    }
    if (e instanceof java.nio.file.NoSuchFileException f) {
      return f.getFile() + ": file not found";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException f) {
      return f.getFile() + " already exists; not overwritten";
    }
    if (e instanceof java.nio.file.AccessDeniedException f) {
      return f.getFile() + ": permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() == null ? "file system error" : f.getReason());
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory (the Java heap holds at most %d MiB): give the JVM more with JAVA_OPTS=-Xmx..., "
          .formatted(Runtime.getRuntime().maxMemory() >> 20) + "or ask for less work";
    }
    if (e instanceof StackOverflowError) {
      return "stack overflow (rerun with --verbose to see where)";
    }
    String message = e.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    Throwable cause = e.getCause();
    return cause != null && cause != e ? describe(cause) : "unexpected error " + e.getClass().getSimpleName()
        + " (rerun with --verbose for the stack trace)";
  }
}
