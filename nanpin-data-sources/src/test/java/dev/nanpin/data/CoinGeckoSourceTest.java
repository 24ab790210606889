package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.Bar;
import dev.nanpin.ConfigException;
import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.PricePoint;
import dev.nanpin.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CoinGeckoSourceTest {
  static final String KEY = "CG-synthetic-demo-key-0001";
  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime(Instant.parse("2026-06-15T12:00:00Z"));

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private CoinGeckoSource source(String plan) {
    return new CoinGeckoSource(time.config().apiKey(KEY).baseUrl(server.url("/api/v3").toString())
        .option("plan", plan).build());
  }

  @Test
  void priceRequestAndAnswer() throws Exception {
    server.enqueue(json(200, Fixtures.text("coingecko-simple-price.json")));
    DataResult<PricePoint> r = source("demo").fetch(new DataQuery.Price("bitcoin", "USD"));
    assertThat(r.value().price()).isEqualByComparingTo("67187.3358936566");
    assertThat(r.stale()).isFalse();
    assertThat(r.source()).isEqualTo("coingecko");
    assertThat(r.fetchedAt()).isEqualTo(time.now());
    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v3/simple/price");
    assertThat(req.getUrl().queryParameter("ids")).isEqualTo("bitcoin");
    assertThat(req.getUrl().queryParameter("vs_currencies")).isEqualTo("usd");
    assertThat(req.getUrl().queryParameter("include_last_updated_at")).isEqualTo("true");
    assertThat(req.getHeaders().get("x-cg-demo-api-key")).isEqualTo(KEY);
    assertThat(req.getHeaders().get("x-cg-pro-api-key")).isNull();
    assertThat(req.getUrl().toString()).doesNotContain(KEY); // header auth: the key stays out of URLs
  }

  @Test
  void withoutAKeyThePublicApiIsUsedAtItsOwnLowLimit() throws Exception {
    Assumptions.assumeTrue(System.getenv(CoinGeckoSource.KEY_ENV) == null && System.getenv(CoinGeckoSource.PLAN_ENV) == null,
        "COINGECKO_API_KEY or COINGECKO_PLAN set in this environment");
    CoinGeckoSource keyless = new CoinGeckoSource(time.config().baseUrl(server.url("/api/v3").toString()).build());
    assertThat(keyless.plan()).isEqualTo(CoinGeckoSource.Plan.PUBLIC);
    assertThat(keyless.toString()).contains("plan=PUBLIC").contains("key=missing");
    server.enqueue(json(200, Fixtures.text("coingecko-simple-price.json")));
    assertThat(keyless.fetch(new DataQuery.Price("bitcoin", "usd")).value().price()).isEqualByComparingTo("67187.3358936566");
    RecordedRequest req = server.takeRequest();
    assertThat(req.getHeaders().get("x-cg-demo-api-key")).isNull();
    assertThat(req.getHeaders().get("x-cg-pro-api-key")).isNull();
    assertThat(CoinGeckoSource.Plan.PUBLIC.baseUrl()).isEqualTo("https://api.coingecko.com/api/v3");
    // a plan that needs a key still says so
    CoinGeckoSource demo = new CoinGeckoSource(time.config().baseUrl(server.url("/api/v3").toString())
        .option("plan", "demo").build());
    assertThatThrownBy(() -> demo.fetch(new DataQuery.Price("bitcoin", "usd"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("COINGECKO_API_KEY");
  }

  @Test
  void proPlanUsesTheProHeader() throws Exception {
    server.enqueue(json(200, Fixtures.text("coingecko-key.json")));
    CoinGeckoSource pro = source("pro");
    assertThat(pro.fetch(new Queries.KeyUsage()).value().requestsPerMinute()).isEqualTo(1000);
    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v3/key");
    assertThat(req.getHeaders().get("x-cg-pro-api-key")).isEqualTo(KEY);
    assertThatThrownBy(() -> source("demo").fetch(new Queries.KeyUsage())).isInstanceOf(PlanRestrictedException.class);
    assertThatThrownBy(() -> source("enterprise")).isInstanceOf(ConfigException.class).hasMessageContaining("public, demo or pro");
  }

  @Test
  void historyRangeAndDemoLimit() throws Exception {
    server.enqueue(json(200, Fixtures.text("coingecko-market-chart.json")));
    Instant from = Instant.ofEpochMilli(1711843200000L);
    Instant to = Instant.ofEpochMilli(1711983682000L);
    // demo plan, but within 365 days of the fake "now"? no: 2024 is > 365 days before 2026-06 -> refused, no request
    assertThatThrownBy(() -> source("demo").fetch(new DataQuery.History("bitcoin", "usd", from, to, Duration.ofDays(1))))
        .isInstanceOf(PlanRestrictedException.class).hasMessageContaining("365");
    assertThat(server.getRequestCount()).isZero();
    List<Bar> bars = source("pro").fetch(new DataQuery.History("bitcoin", "usd", from, to, Duration.ofDays(1))).value();
    assertThat(bars).hasSize(2); // the "now" point at `to` is excluded (to is exclusive)
    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v3/coins/bitcoin/market_chart/range");
    assertThat(req.getUrl().queryParameter("from")).isEqualTo(Long.toString(from.getEpochSecond()));
    assertThat(req.getUrl().queryParameter("to")).isEqualTo(Long.toString(to.getEpochSecond()));
  }

  @Test
  void anImplausiblePriceOrTimeIsRefusedNamingTheField() {
    String ok = Fixtures.text("coingecko-simple-price.json");
    server.enqueue(json(200, ok.replace("67187.3358936566", "1e30")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> source("demo").fetch(new DataQuery.Price("bitcoin", "usd")))
        .isInstanceOfSatisfying(dev.nanpin.DataException.class, e -> assertThat(e.field()).endsWith("price"))
        .hasMessageContaining("plausible range");
    server.enqueue(json(200, ok.replace("1711356300", "-1")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> source("demo").fetch(new DataQuery.Price("bitcoin", "usd")))
        .isInstanceOfSatisfying(dev.nanpin.DataException.class, e -> assertThat(e.field()).endsWith("last_updated_at"));
  }

  @Test
  void cachedWithinTtlThenStaleIfError() {
    server.enqueue(json(200, Fixtures.text("coingecko-simple-price.json")));
    CoinGeckoSource s = source("demo");
    DataQuery.Price q = new DataQuery.Price("bitcoin", "usd");
    DataResult<PricePoint> first = s.fetch(q);
    time.advance(Duration.ofSeconds(10));
    assertThat(s.fetch(q)).isEqualTo(first);
    assertThat(server.getRequestCount()).isEqualTo(1);
    time.advance(Duration.ofSeconds(15)); // past the 20 s price TTL
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, "{\"status\":{\"error_code\":503,\"error_message\":\"down\"}}"));
    }
    DataResult<PricePoint> stale = s.fetch(q);
    assertThat(stale.stale()).isTrue();
    assertThat(stale.value()).isEqualTo(first.value());
    assertThat(stale.failure()).contains("VenueUnavailableException");
    assertThat(stale.age(time.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(25));
    assertThat(s.attempts()).isEqualTo(4); // one success, then three attempts (two retries), all counted
  }

  @Test
  void a429CoolsTheSourceDownAndHonoursRetryAfter() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .addHeader("retry-after", "119").body(Fixtures.text("coingecko-429.json")).build());
    CoinGeckoSource s = source("demo");
    assertThatThrownBy(() -> s.fetch(new DataQuery.Price("bitcoin", "usd")))
        .isInstanceOf(RateLimitedException.class)
        .extracting(e -> ((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(119));
    // cooling down: fails fast without touching the server
    assertThatThrownBy(() -> s.fetch(new DataQuery.Price("ethereum", "usd"))).isInstanceOf(RateLimitedException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    time.advance(Duration.ofSeconds(120));
    server.enqueue(json(200, "{\"ethereum\":{\"usd\":3400.5,\"last_updated_at\":1781524800}}"));
    assertThat(s.fetch(new DataQuery.Price("ethereum", "usd")).value().price()).isEqualByComparingTo("3400.5");
  }

  @Test
  void missingKeyOfAKeyedPlanIsAnErrorOnlyWhenUsed() {
    Assumptions.assumeTrue(System.getenv(CoinGeckoSource.KEY_ENV) == null, "a real key is set in the environment");
    CoinGeckoSource s = new CoinGeckoSource(time.config().baseUrl(server.url("/").toString()).option("plan", "pro").build());
    assertThatThrownBy(() -> s.fetch(new DataQuery.Price("bitcoin", "usd")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("COINGECKO_API_KEY");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void unsupportedQueryNamesWhatIsSupported() {
    assertThatThrownBy(() -> source("demo").fetch(new DataQuery.Series("DGS10", null, null)))
        .isInstanceOf(DataException.class).hasMessageContaining("Price").hasMessageContaining("Global");
  }
}
