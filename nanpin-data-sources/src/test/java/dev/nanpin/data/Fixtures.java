package dev.nanpin.data;

import dev.nanpin.data.internal.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads the API fixtures copied into {@code src/test/resources/datasources}. */
public final class Fixtures {
  /** A fixed arrival time for replies built from fixtures. */
  public static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

  private Fixtures() {}

  /**
   * @param name the file name, e.g. {@code fred-400.json}
   * @return its text
   */
  public static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/datasources/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param status the HTTP status
   * @param name the fixture
   * @return a JSON reply with that body
   */
  public static Reply reply(int status, String name) {
    return Reply.json(status, text(name), NOW);
  }
}
