package dev.nanpin.exchange.backpack.internal;

import dev.nanpin.Exchange;
import dev.nanpin.exchange.backpack.BackpackConfig;
import dev.nanpin.exchange.backpack.BackpackExchange;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.ExchangeProvider;
import dev.nanpin.spi.PluginConfig;
import java.time.Duration;

/**
 * The {@code backpack} exchange plugin. Keys come from the configuration or, when not set there,
 * from {@code BACKPACK_API_SECRET} / {@code BACKPACK_API_KEY}.
 */
public final class BackpackExchangeProvider implements ExchangeProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .stringParam("baseUrl", BackpackConfig.DEFAULT_BASE_URL, "REST base URL (tests, proxies)")
      .stringParam("wsUrl", BackpackConfig.DEFAULT_WS_URL, "WebSocket URL (tests, proxies)")
      .secretParam("apiSecret", "base64 Ed25519 seed; default from BACKPACK_API_SECRET")
      .secretParam("apiKey", "base64 public key, checked against the secret; default from BACKPACK_API_KEY")
      .durationParam("window", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofSeconds(60),
          "signature validity window")
      .doubleParam("rateLimitFraction", 0.95, 0.01, 1.0, "share of the published rate limits used")
      .build();

  /** Cheap: no I/O, no threads. */
  public BackpackExchangeProvider() {}

  @Override
  public String id() {
    return J.VENUE;
  }

  @Override
  public String description() {
    return "Backpack Exchange: spot and perpetuals, signed REST and WebSocket streams";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Exchange create(PluginConfig config) {
    BackpackConfig.Builder b = BackpackConfig.builder()
        .baseUrl(config.getString("baseUrl"))
        .wsUrl(config.getString("wsUrl"))
        .apiSecret(config.getString("apiSecret"))
        .apiKey(config.getString("apiKey"))
        .window(config.getDuration("window"))
        .rateLimitFraction(config.getDouble("rateLimitFraction"))
        .credentialsFromEnvironment(System.getenv());
    return new BackpackExchange(b.build());
  }
}
