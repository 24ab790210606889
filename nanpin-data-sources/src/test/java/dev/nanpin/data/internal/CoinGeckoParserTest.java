package dev.nanpin.data.internal;

import static dev.nanpin.data.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.AuthenticationException;
import dev.nanpin.Bar;
import dev.nanpin.DataException;
import dev.nanpin.ExchangeException;
import dev.nanpin.PricePoint;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.data.ApiUsage;
import dev.nanpin.data.DerivativeTicker;
import dev.nanpin.data.Fixtures;
import dev.nanpin.data.MarketGlobal;
import dev.nanpin.data.PlanRestrictedException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoinGeckoParserTest {
  private static Json ok(String fixture) {
    return CoinGeckoParser.check(reply(200, fixture));
  }

  @Test
  void simplePrice() {
    PricePoint p = CoinGeckoParser.simplePrice(ok("coingecko-simple-price.json"), "bitcoin", "usd");
    assertThat(p.price()).isEqualByComparingTo("67187.3358936566");
    assertThat(p.vsCurrency()).isEqualTo("usd");
    assertThat(p.time()).isEqualTo(Instant.ofEpochSecond(1711356300));
  }

  @Test
  void unknownIdIsNamed() {
    assertThatThrownBy(() -> CoinGeckoParser.simplePrice(ok("coingecko-simple-price.json"), "bitcoinn", "usd"))
        .isInstanceOf(DataException.class).hasMessageContaining("bitcoinn")
        .extracting(e -> ((DataException) e).source()).isEqualTo("coingecko");
  }

  @Test
  void marketChartBarsAreSinglePriceAndOrdered() {
    List<Bar> bars = CoinGeckoParser.marketChart(ok("coingecko-market-chart.json"));
    assertThat(bars).hasSize(3);
    assertThat(bars.get(0).time()).isEqualTo(Instant.ofEpochMilli(1711843200000L));
    assertThat(bars.get(0).close()).isEqualByComparingTo("69702.3087473573");
    assertThat(bars.get(2).time()).isEqualTo(Instant.ofEpochMilli(1711983682000L));
    assertThat(bars.get(1).high()).isEqualByComparingTo(bars.get(1).low());
  }

  @Test
  void marketChartOutOfOrderIsAnError() {
    String body = "{\"prices\":[[1711929600000,2],[1711843200000,1]]}";
    assertThatThrownBy(() -> CoinGeckoParser.marketChart(CoinGeckoParser.check(Reply.json(200, body, Fixtures.NOW))))
        .isInstanceOf(DataException.class).hasMessageContaining("out of order")
        .extracting(e -> ((DataException) e).field()).isEqualTo("$.prices[1]");
  }

  @Test
  void zeroPriceIsNeverSilent() {
    String body = "{\"bitcoin\":{\"usd\":0,\"last_updated_at\":1711356300}}";
    assertThatThrownBy(() -> CoinGeckoParser.simplePrice(CoinGeckoParser.check(Reply.json(200, body, Fixtures.NOW)), "bitcoin", "usd"))
        .isInstanceOf(DataException.class).extracting(e -> ((DataException) e).field()).isEqualTo("$.bitcoin.usd");
  }

  @Test
  void ohlcUsesOpenTimes() {
    List<Bar> bars = CoinGeckoParser.ohlc(ok("coingecko-ohlc.json"), 7);
    assertThat(bars).hasSize(3);
    // 7 days: 4-hour candles stamped with their close time
    assertThat(bars.get(0).time()).isEqualTo(Instant.ofEpochMilli(1709395200000L).minus(Duration.ofHours(4)));
    assertThat(bars.get(0).open()).isEqualByComparingTo("61942");
    assertThat(bars.get(0).high()).isEqualByComparingTo("62211");
    assertThat(bars.get(0).low()).isEqualByComparingTo("61721");
    assertThat(bars.get(0).close()).isEqualByComparingTo("61845");
  }

  @Test
  void global() {
    MarketGlobal g = CoinGeckoParser.global(ok("coingecko-global.json"));
    assertThat(g.btcDominancePercent().doubleValue()).isBetween(50.0, 70.0);
    assertThat(g.totalMarketCapUsd()).isEqualByComparingTo("2515268352188.766");
    assertThat(g.asOf()).isEqualTo(Instant.ofEpochSecond(1744025333));
  }

  @Test
  void derivatives() {
    List<DerivativeTicker> all = CoinGeckoParser.derivatives(ok("coingecko-derivatives.json"), null);
    assertThat(all).hasSize(2);
    List<DerivativeTicker> btc = CoinGeckoParser.derivatives(ok("coingecko-derivatives.json"), "btc");
    assertThat(btc).singleElement().satisfies(t -> {
      assertThat(t.symbol()).isEqualTo("BTC-PERPUSDT");
      assertThat(t.price()).isEqualByComparingTo("69434.1");
      assertThat(t.fundingRate()).isEqualByComparingTo("0.012");
      assertThat(t.openInterestUsd()).isEqualByComparingTo("7690212057.6");
      assertThat(t.perpetual()).isTrue();
      assertThat(t.lastTradedAt()).isEqualTo(Instant.ofEpochSecond(1712467920));
    });
  }

  @Test
  void key() {
    ApiUsage u = CoinGeckoParser.key(ok("coingecko-key.json"));
    assertThat(u).isEqualTo(new ApiUsage("Other", 1000, 1000000, 104, 999896));
  }

  @Test
  void errorFixturesMapToTypedErrors() {
    assertThatThrownBy(() -> CoinGeckoParser.check(reply(401, "coingecko-401-missing-key.json")))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("COINGECKO_API_KEY")
        .extracting(e -> ((ExchangeException) e).venueCode()).isEqualTo("10002");
    Reply r429 = new Reply(429, Map.of("Content-Type", List.of("application/json"), "retry-after", List.of("119")),
        Fixtures.text("coingecko-429.json"), Fixtures.NOW);
    assertThatThrownBy(() -> CoinGeckoParser.check(r429)).isInstanceOf(RateLimitedException.class)
        .extracting(e -> ((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(119));
    assertThatThrownBy(() -> CoinGeckoParser.check(reply(401, "coingecko-10012-time-range.json")))
        .isInstanceOf(PlanRestrictedException.class).hasMessageContaining("365 days");
    // the same body with HTTP 200 is still an error
    assertThatThrownBy(() -> CoinGeckoParser.check(reply(200, "coingecko-10012-time-range.json")))
        .isInstanceOf(PlanRestrictedException.class);
  }

  @Test
  void wrongHostForKeyExplainsThePlan() {
    String pro = "{\"status\":{\"error_code\":10010,\"error_message\":\"If you are using Pro API key, please change your root URL\"}}";
    assertThatThrownBy(() -> CoinGeckoParser.check(Reply.json(400, pro, Fixtures.NOW)))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("COINGECKO_PLAN=pro");
    String demo = "{\"status\":{\"error_code\":10011,\"error_message\":\"If you are using Demo API key, please change your root URL\"}}";
    assertThatThrownBy(() -> CoinGeckoParser.check(Reply.json(400, demo, Fixtures.NOW)))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("COINGECKO_PLAN=demo");
    assertThatThrownBy(() -> CoinGeckoParser.check(Reply.json(400, "{\"error\":\"Missing parameter vs_currencies\"}", Fixtures.NOW)))
        .isInstanceOf(DataException.class).hasMessageContaining("vs_currencies");
  }

  @Test
  void anUnknownKeyErrorHintsAtThePlan() {
    String body = "{\"status\":{\"error_code\":10099,\"error_message\":\"Invalid API Key\"}}";
    assertThatThrownBy(() -> CoinGeckoParser.check(Reply.json(401, body, Fixtures.NOW)))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("COINGECKO_PLAN matches the key");
  }

  @Test
  void markets() {
    String body = "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"current_price\":70187,"
        + "\"market_cap\":1381651251183,\"roi\":null,\"last_updated\":\"2024-04-07T16:49:31.736Z\"}]";
    List<dev.nanpin.data.CoinMarket> rows = CoinGeckoParser.markets(CoinGeckoParser.check(Reply.json(200, body, Fixtures.NOW)));
    assertThat(rows).singleElement().satisfies(m -> {
      assertThat(m.price()).isEqualByComparingTo("70187");
      assertThat(m.lastUpdated()).isEqualTo(Instant.parse("2024-04-07T16:49:31.736Z"));
    });
  }

  @Test
  void htmlPagesAndBrokenBodies() {
    Reply html403 = new Reply(403, Map.of("Content-Type", List.of("text/html")), "<!DOCTYPE html><title>Attention Required! | Cloudflare</title>", Fixtures.NOW);
    assertThatThrownBy(() -> CoinGeckoParser.check(html403)).isInstanceOf(VenueUnavailableException.class)
        .hasMessageContaining("HTML");
    Reply html429 = new Reply(429, Map.of("Content-Type", List.of("text/html"), "Retry-After", List.of("30")), "<html>slow down</html>", Fixtures.NOW);
    assertThatThrownBy(() -> CoinGeckoParser.check(html429)).isInstanceOf(RateLimitedException.class)
        .extracting(e -> ((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    Reply html200 = new Reply(200, Map.of(), "<html>maintenance</html>", Fixtures.NOW);
    assertThatThrownBy(() -> CoinGeckoParser.check(html200)).isInstanceOf(DataException.class).hasMessageContaining("HTML");
    assertThatThrownBy(() -> CoinGeckoParser.check(Reply.json(200, "", Fixtures.NOW)))
        .isInstanceOf(DataException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> CoinGeckoParser.check(Reply.json(200, "{\"bitcoin\":{\"usd\":6718", Fixtures.NOW)))
        .isInstanceOf(DataException.class).hasMessageContaining("malformed");
    assertThatThrownBy(() -> CoinGeckoParser.check(Reply.json(503, "", Fixtures.NOW)))
        .isInstanceOf(VenueUnavailableException.class);
  }

  @Test
  void pricesStayExact() {
    String body = "{\"bitcoin\":{\"usd\":0.1000000000000000055511151231257827,\"last_updated_at\":1711356300}}";
    PricePoint p = CoinGeckoParser.simplePrice(CoinGeckoParser.check(Reply.json(200, body, Fixtures.NOW)), "bitcoin", "usd");
    assertThat(p.price()).isEqualByComparingTo(new BigDecimal("0.1000000000000000055511151231257827"));
  }
}
