package dev.nanpin.exchange.backpack;

/**
 * Receives raw stream messages, for tools that print or record them. Called on the
 * subscription's dispatch thread, never on the connection's reader thread.
 */
public interface RawStreamListener {
  /**
   * A message.
   *
   * @param stream the stream name, e.g. {@code ticker.SOL_USDC}
   * @param dataJson the {@code data} object as JSON text
   */
  void onMessage(String stream, String dataJson);

  /** The connection was re-established; messages may have been missed. */
  default void onReconnected() {}

  /**
   * The connection failed or the venue sent an error; it will reconnect.
   *
   * @param error what happened
   */
  default void onError(Throwable error) {}
}
