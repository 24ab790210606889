package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.AccountState;
import dev.nanpin.Fill;
import dev.nanpin.OrderRequest;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.OrderUpdate;
import dev.nanpin.store.StateKind;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoreOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandsTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir
  Path dir;

  private Path db;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void fillStore() {
    db = dir.resolve("bot.db");
    try (StateStore store = StateStore.open(db,
        StoreOptions.defaults().withClock(Clock.fixed(T.plusSeconds(8), ZoneOffset.UTC)))) {
      long filled = store.allocateClientId();
      store.recordSending(OrderRequest.limit("SOL_USDC_PERP", Side.BUY, new BigDecimal("1.5"), new BigDecimal("100.25"),
          filled), 1);
      store.updateOrder(new OrderUpdate(filled, OrderState.NEW, "X-1", null, null, T));
      store.recordFill(new Fill("F-1", "X-1", filled, "SOL_USDC_PERP", Side.BUY, new BigDecimal("100.25"),
          new BigDecimal("1.5"), new BigDecimal("0.03"), "USDC", true, T.plusSeconds(5)));
      store.updateOrder(new OrderUpdate(filled, OrderState.FILLED, null, new BigDecimal("1.5"), null, T.plusSeconds(5)));
      long resting = store.allocateClientId();
      store.recordSending(OrderRequest.limit("SOL_USDC_PERP", Side.BUY, new BigDecimal("2"), new BigDecimal("95"),
          resting), 2);
      store.updateOrder(new OrderUpdate(resting, OrderState.NEW, "X-2", null, null, T.plusSeconds(6)));
      long sending = store.allocateClientId();
      store.recordSending(OrderRequest.marketQuote("SOL_USDC_PERP", Side.BUY, new BigDecimal("50"), sending), 3);
      store.savePosition(new Position("SOL_USDC_PERP", new BigDecimal("1.5"), new BigDecimal("100.25"),
          new BigDecimal("99"), new BigDecimal("-1.875"), new BigDecimal("70.5"), T.plusSeconds(7)));
      store.saveEquity(new AccountState(new BigDecimal("1000"), new BigDecimal("1000"), new BigDecimal("1000"),
          BigDecimal.ZERO, T));
      store.saveState(StateKind.STRATEGY, "engine.ledger", Map.of("posQty", "1.5", "avgEntry", "100.25", "entryCount", "1"));
      store.saveEquity(new AccountState(new BigDecimal("998.125"), new BigDecimal("1000"), new BigDecimal("850"),
          new BigDecimal("150"), T.plusSeconds(7)));
      store.saveState(StateKind.STRATEGY, "nanpin", Map.of("level.0", "100.25"));
      store.saveState(StateKind.SIZER, "sizer.0", Map.of("buyCount", "1"));
      store.audit("ADOPT_ORDER", "clientId=2", true, "venue order X-2 missing from store");
    }
  }

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void statusPrintsTables() {
    assertThat(run("status", "--store", db.toString())).isEqualTo(0);
    String s = out.toString();
    assertThat(s).contains("(schema 1)").contains("last allocated 3");
    assertThat(s).contains("998.12 (collateral 1,000.00, free margin 850.00, margin in use 150.00)");
    assertThat(s).contains("change       -1.88 (-0.19 %) since 2026-03-01T12:00:00Z (equity 1,000.00 then)");
    assertThat(s).contains("P&L          realised 0.00 (net of fees and funding), unrealised -1.88");
    assertThat(s).contains("ladder       1 entry filled, average entry 100.25; 2 buy orders resting (lowest at 95.00), "
        + "0 sell orders resting");
    assertThat(s).contains("fills        1, last F-1 BUY 1.5 @ 100.25");
    assertThat(s).contains("strategy engine.ledger, nanpin; sizer sizer.0");
    assertThat(s).containsPattern("SOL_USDC_PERP +1\\.5 +100\\.25 +99\\.00 +-1\\.88 +70\\.50");
    assertThat(s).contains("open orders (2, 1 sending)").contains("X-2").contains("50q");
    assertThat(s).contains("ADOPT_ORDER").contains("venue order X-2 missing from store");
    assertThat(s).contains("last event   2026-03-01T12:00:08Z");
  }

  @Test
  void statusJson() throws Exception {
    assertThat(run("status", "--store", db.toString(), "--json")).isEqualTo(0);
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(j.get("lastClientId").asLong()).isEqualTo(3);
    assertThat(j.get("fillCount").asLong()).isEqualTo(1);
    assertThat(j.at("/equity/equity").asText()).isEqualTo("998.125");
    assertThat(j.at("/positions/0/liquidationPrice").asText()).isEqualTo("70.5");
    assertThat(j.get("openOrders")).hasSize(2);
    assertThat(j.at("/openOrders/1/state").asText()).isEqualTo("SENDING");
    assertThat(j.at("/audit/0/action").asText()).isEqualTo("ADOPT_ORDER");
    assertThat(j.at("/stateOwners/strategy/1").asText()).isEqualTo("nanpin");
    assertThat(j.get("lastEvent").asText()).isEqualTo("2026-03-01T12:00:08Z");
    assertThat(j.get("lastEventAgeSeconds").asLong()).isPositive();
  }

  @Test
  void ordersListsNewestFirstAndFilters() throws Exception {
    assertThat(run("orders", "--store", db.toString())).isEqualTo(0);
    String table = out.toString();
    assertThat(table.indexOf("X-2")).isLessThan(table.indexOf("X-1"));
    assertThat(table).contains("FILLED").contains("SENDING").contains("market");

    out.getBuffer().setLength(0);
    assertThat(run("orders", "--store", db.toString(), "--open", "--json")).isEqualTo(0);
    JsonNode open = new ObjectMapper().readTree(out.toString());
    assertThat(open).hasSize(2);
    assertThat(open.get(0).get("clientId").asLong()).isEqualTo(3);
    assertThat(open.get(0).get("quoteQuantity").asText()).isEqualTo("50");

    out.getBuffer().setLength(0);
    assertThat(run("orders", "--store", db.toString(), "--limit", "1", "--json")).isEqualTo(0);
    assertThat(new ObjectMapper().readTree(out.toString())).hasSize(1);
  }

  @Test
  void oneOrderWithItsHistoryAndFills() throws Exception {
    assertThat(run("orders", "--store", db.toString(), "--client-id", "1")).isEqualTo(0);
    assertThat(out.toString()).contains("SENDING").contains("NEW").contains("FILLED").contains("F-1").contains("maker");

    out.getBuffer().setLength(0);
    assertThat(run("orders", "--store", db.toString(), "--client-id", "1", "--json")).isEqualTo(0);
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.at("/order/state").asText()).isEqualTo("FILLED");
    assertThat(j.get("history")).hasSize(3);
    assertThat(j.at("/fills/0/fee").asText()).isEqualTo("0.03");

    assertThat(run("orders", "--store", db.toString(), "--client-id", "77")).isEqualTo(1);
    assertThat(err.toString()).contains("no order with client id 77");
  }

  @Test
  void aMissingStoreIsAClearErrorAndIsNotCreated() {
    Path missing = dir.resolve("nope.db");
    assertThat(run("status", "--store", missing.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no store at").contains("nope.db");
    assertThat(Files.exists(missing)).isFalse();
    assertThat(run("orders")).isEqualTo(2);
    assertThat(err.toString()).contains("--store");
  }

  @Test
  void configCommandPrintsTheMaskedConfiguration() throws Exception {
    Path yaml = dir.resolve("bot.yaml");
    Files.writeString(yaml, """
        exchange:
          id: test-venue
          symbol: SOL_USDC_PERP
        strategy:
          id: test-ladder
          params: {levels: 4}
        risk:
          maxLeverage: 2
        """);
    // config validates what run validates: an exchange id that is no plugin is an error, before any store exists
    assertThat(run("config", "--config", yaml.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("nanpin: exchange.id: No exchange provider 'test-venue'");
    Files.writeString(yaml, Files.readString(yaml).replace("id: test-venue", "id: paper\n  settings: {csv: bars.csv}"));
    assertThat(run("config", "--config", yaml.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("symbol: SOL_USDC_PERP").contains("levels: 4").contains("maxLeverage: 2")
        .contains("path: " + dir.resolve("bot.db"));

    Files.writeString(yaml, Files.readString(yaml).replace("levels: 4", "levels: 99"));
    assertThat(run("config", "--config", yaml.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("strategy.params: levels = 99 is out of range");
  }
}
