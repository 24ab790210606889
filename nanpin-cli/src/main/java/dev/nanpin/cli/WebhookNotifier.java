package dev.nanpin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.live.Notifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the engine's notable events as JSON to a webhook: {@code {"bot", "event", "time",
 * "fields"}}. Asynchronous (OkHttp's dispatcher), so the engine thread never waits; a failed post
 * is logged at WARN without the URL, which may hold a token, and is not retried.
 */
final class WebhookNotifier implements Notifier, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient client;
  private final String url;
  private final String bot;
  private final Set<String> events;
  private final Clock clock;

  WebhookNotifier(String url, String bot, Set<String> events, Duration timeout, Clock clock) {
    this.client = new OkHttpClient.Builder().callTimeout(timeout).build();
    this.url = url;
    this.bot = bot;
    this.events = Set.copyOf(events);
    this.clock = clock;
  }

  @Override
  public void notify(String event, Map<String, String> fields) {
    if (!events.contains(event)) {
      return;
    }
    ObjectNode body = MAPPER.createObjectNode();
    body.put("bot", bot);
    body.put("event", event);
    body.put("time", clock.instant().toString());
    ObjectNode f = body.putObject("fields");
    fields.forEach(f::put);
    Request request;
    try {
      request = new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON)).build();
    } catch (IllegalArgumentException e) {
      log.warn("Webhook URL is not valid; {} event dropped", event);
      return;
    }
    client.newCall(request).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        log.warn("Webhook post of a {} event failed: {}", event, e.getClass().getSimpleName());
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          if (!response.isSuccessful()) {
            log.warn("Webhook answered HTTP {} to a {} event", response.code(), event);
          }
        }
      }
    });
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
