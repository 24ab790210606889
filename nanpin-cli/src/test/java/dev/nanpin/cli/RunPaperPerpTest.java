package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nanpin run --paper} on a perpetual states its funding assumption, as {@code backtest
 * --perp} does: without {@code --paper-funding-rate} it is refused, naming the option, before any
 * store or order exists. With several symbols every symbol mirrors the venue on one paper pool
 * ({@code PaperPortfolio.mirror}), each market's paper account built as for one symbol, so a
 * perpetual among them is refused the same way, named (the pool itself is tested with a bot in
 * {@code MultiSymbolBotTest}). The upstream venue is a local stand-in that lists the markets.
 */
class RunPaperPerpTest {
  static final String BTC = "{\"symbol\":\"BTC_USDC\",\"baseSymbol\":\"BTC\",\"quoteSymbol\":\"USDC\","
      + "\"marketType\":\"SPOT\",\"filters\":{\"price\":{\"tickSize\":\"0.1\"},\"quantity\":{\"stepSize\":\"0.00001\","
      + "\"minQuantity\":\"0.00001\"}}}";
  static final String SOL_PERP = "{\"symbol\":\"SOL_USDC_PERP\",\"baseSymbol\":\"SOL\",\"quoteSymbol\":\"USDC\","
      + "\"marketType\":\"PERP\",\"filters\":{\"price\":{\"tickSize\":\"0.01\"},\"quantity\":{\"stepSize\":\"0.01\","
      + "\"minQuantity\":\"0.01\"}}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  @Test
  void aPaperPerpetualWithoutAFundingRateIsRefusedNamingTheOption() throws Exception {
    CliRunner r = runPaper("[" + SOL_PERP + "]", "symbol: SOL_USDC_PERP");
    assertThat(r.err()).contains("--paper-funding-rate").contains("SOL_USDC_PERP is a perpetual");
  }

  @Test
  void severalSymbolsOnPaperAreEachMirroredAsOneSymbolIs() throws Exception {
    CliRunner r = runPaper("[" + BTC + "," + SOL_PERP + "]", "symbols: [BTC_USDC, SOL_USDC_PERP]");
    assertThat(r.err()).contains("--paper-funding-rate").contains("SOL_USDC_PERP is a perpetual")
        .doesNotContain("mirrors one market");
  }

  /** Runs a bot on {@code --paper} whose venue lists {@code markets}; it must be refused before any store. */
  CliRunner runPaper(String markets, String symbols) throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(markets).build());
    }
    Path yaml = dir.resolve("bot.yaml");
    Files.writeString(yaml, """
        name: perp-paper
        exchange:
          id: backpack
          %s
          settings:
            baseUrl: %s
        strategy:
          id: nanpin
          params: {leverage: 3}
        sizers:
          - id: fixed-quote
            params: {quote: 100}
        store:
          path: %s
        """.formatted(symbols, server.url("/"), dir.resolve("bot.db").toString().replace("\\", "/")));

    CliRunner r = CliRunner.run("run", "--config", yaml.toString(), "--paper");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(dir.resolve("bot.db")).doesNotExist();
    return r;
  }
}
