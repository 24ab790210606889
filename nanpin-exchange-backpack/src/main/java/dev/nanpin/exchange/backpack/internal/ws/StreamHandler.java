package dev.nanpin.exchange.backpack.internal.ws;

import com.fasterxml.jackson.databind.JsonNode;

/** What a subscription does with its events; always called on its dispatch thread. */
public interface StreamHandler {
  /**
   * A data message of one of the subscription's streams.
   *
   * @param stream the stream name
   * @param data the {@code data} object
   */
  void onData(String stream, JsonNode data);

  /**
   * Events may have been missed (a reconnect, or queue overflow): state should be re-read by
   * REST now.
   */
  void onResync();

  /**
   * A failure to report; the connection retries by itself.
   *
   * @param error what happened
   */
  void onError(Throwable error);
}
