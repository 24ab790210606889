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
 * store or order exists. The upstream venue is a local stand-in that lists one perpetual market.
 */
class RunPaperPerpTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void aPaperPerpetualWithoutAFundingRateIsRefusedNamingTheOption(@TempDir Path dir) throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body("[{\"symbol\":\"SOL_USDC_PERP\",\"baseSymbol\":\"SOL\",\"quoteSymbol\":\"USDC\",\"marketType\":\"PERP\","
            + "\"filters\":{\"price\":{\"tickSize\":\"0.01\"},\"quantity\":{\"stepSize\":\"0.01\","
            + "\"minQuantity\":\"0.01\"}}}]")
        .build());
    Path yaml = dir.resolve("bot.yaml");
    Files.writeString(yaml, """
        name: perp-paper
        exchange:
          id: backpack
          symbol: SOL_USDC_PERP
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
        """.formatted(server.url("/"), dir.resolve("bot.db").toString().replace("\\", "/")));

    CliRunner r = CliRunner.run("run", "--config", yaml.toString(), "--paper");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("--paper-funding-rate").contains("SOL_USDC_PERP is a perpetual");
    assertThat(dir.resolve("bot.db")).doesNotExist();
  }
}
