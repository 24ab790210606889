package dev.nanpin.data;

import dev.nanpin.DataQuery;
import dev.nanpin.DataSource;
import dev.nanpin.Sentiment;
import dev.nanpin.Side;
import dev.nanpin.testkit.DataSourceContractTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;

/** Fixture-backed configs shared by the contract tests of the six sources. */
final class ContractSupport {
  private ContractSupport() {}

  static SourceConfig.Builder config(MockWebServer server, String path) {
    return new FakeTime(Instant.parse("2026-06-15T12:00:00Z")).config().apiKey("synthetic-contract-key-42")
        .baseUrl(server.url(path).toString());
  }
}

class CoinGeckoContractTest extends DataSourceContractTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Override
  protected DataSource createSource() {
    server.setDispatcher(new FixtureDispatcher().on("/api/v3/simple/price", "coingecko-simple-price.json")
        .on("/api/v3/global", "coingecko-global.json").on("/api/v3/derivatives", "coingecko-derivatives.json")
        .on("/api/v3/coins/bitcoin/ohlc", "coingecko-ohlc.json"));
    return new CoinGeckoSource(ContractSupport.config(server, "/api/v3").option("plan", "demo").build());
  }

  @Override
  protected List<DataQuery<?>> answeredQueries() {
    return List.of(new DataQuery.Price("bitcoin", "usd"), new Queries.Global(), new Queries.Derivatives("BTC"),
        new Queries.Ohlc("bitcoin", "usd", 7));
  }
}

class CoinMarketCapContractTest extends DataSourceContractTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Override
  protected DataSource createSource() {
    server.setDispatcher(new FixtureDispatcher().on("/v2/cryptocurrency/quotes/latest", "cmc-quotes-latest.json")
        .on("/v3/fear-and-greed/latest", "cmc-fear-and-greed-latest.json"));
    return new CoinMarketCapSource(ContractSupport.config(server, "/").build());
  }

  @Override
  protected List<DataQuery<?>> answeredQueries() {
    return List.of(new DataQuery.Price("1", "usd"), new DataQuery.SentimentHistory("cmc-fear-greed", 1));
  }
}

class FredContractTest extends DataSourceContractTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Override
  protected DataSource createSource() {
    server.setDispatcher(new FixtureDispatcher().on("/fred/series/observations", "fred-series-observations-missing-values.json"));
    return new FredSource(ContractSupport.config(server, "/fred").build());
  }

  @Override
  protected List<DataQuery<?>> answeredQueries() {
    return List.of(new DataQuery.Series("DGS10", null, null));
  }
}

class PolymarketContractTest extends DataSourceContractTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Override
  protected DataSource createSource() {
    server.setDispatcher(new FixtureDispatcher().on("/markets/keyset", "polymarket-gamma-markets-keyset.json")
        .on("/midpoint", "polymarket-clob-midpoint.json").on("/book", "polymarket-clob-book.json")
        .on("/price", "polymarket-clob-price.json"));
    return new PolymarketSource(ContractSupport.config(server, "/").secondBaseUrl(server.url("/").toString()).build());
  }

  @Override
  protected List<DataQuery<?>> answeredQueries() {
    return List.of(new Queries.PredictionMarkets(Map.of("closed", "false"), 1), new Queries.Midpoint("1"),
        new Queries.Book("1"), new Queries.OutcomePrice("1", Side.BUY));
  }
}

class CoinGlassContractTest extends DataSourceContractTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Override
  protected DataSource createSource() {
    server.setDispatcher(new FixtureDispatcher()
        .on("/api/futures/liquidation/aggregated-heatmap/model1", "coinglass-heatmap-consistent.json")
        .on("/api/futures/liquidation/aggregated-history", "coinglass-liquidation-aggregated-history.json")
        .on("/api/futures/funding-rate/history", "coinglass-funding-rate-history.json"));
    return new CoinGlassSource(ContractSupport.config(server, "/").build());
  }

  @Override
  protected List<DataQuery<?>> answeredQueries() {
    return List.of(new DataQuery.Liquidations("BTC"), new Queries.LiquidationHistory("BTC", "Binance", "1d", 2),
        new Queries.FundingHistory("Binance", "BTCUSDT", "1d", 2));
  }
}

class FearGreedContractTest extends DataSourceContractTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Override
  protected DataSource createSource() {
    server.setDispatcher(new FixtureDispatcher().on("/fng/", "feargreed.json"));
    return new FearGreedSource(ContractSupport.config(server, "/").build());
  }

  @Override
  protected List<DataQuery<?>> answeredQueries() {
    return List.of(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 2));
  }
}
