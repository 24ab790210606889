package dev.nanpin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.Fill;
import dev.nanpin.store.StatusChange;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoredOrder;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nanpin orders --store bot.db}: the orders a bot recorded, newest first. */
@Command(name = "orders", mixinStandardHelpOptions = true,
    description = "List the orders in a bot's state store, newest first, or one order's status history and fills.")
final class OrdersCommand implements Callable<Integer> {
  @Mixin
  private StoreOptionsMixin storeOptions;

  @Spec
  private CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  private boolean json;

  @Option(names = "--open", description = "Only orders not yet filled, cancelled, rejected or failed.")
  private boolean openOnly;

  @Option(names = "--limit", defaultValue = "50", paramLabel = "N",
      description = "The most orders to list (default ${DEFAULT-VALUE}).")
  private int limit;

  @Option(names = "--client-id", paramLabel = "ID",
      description = "Show one order with its status history and fills.")
  private Long clientId;

  @Override
  public Integer call() throws Exception {
    if (limit <= 0) {
      throw new IllegalArgumentException("--limit must be > 0: " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try (StateStore store = storeOptions.open()) {
      if (clientId != null) {
        StoredOrder order = store.order(clientId).orElseThrow(() ->
            new IllegalArgumentException("no order with client id " + clientId + " in " + storeOptions.store));
        List<StatusChange> history = store.statusHistory(clientId);
        List<Fill> fills = store.fillsOf(clientId);
        if (json) {
          ObjectNode root = mapper.createObjectNode();
          orderJson(root.putObject("order"), order);
          ArrayNode h = root.putArray("history");
          for (StatusChange c : history) {
            ObjectNode n = h.addObject();
            n.put("state", c.state().name());
            n.put("exchangeOrderId", c.exchangeOrderId());
            n.put("filledQuantity", plain(c.filledQuantity()));
            n.put("reason", c.reason());
            n.put("time", c.time().toString());
          }
          ArrayNode f = root.putArray("fills");
          fills.forEach(x -> fillJson(f.addObject(), x));
          out.println(mapper.writeValueAsString(root));
        } else {
          printTable(List.of(order), out);
          out.println();
          out.println("history");
          for (StatusChange c : history) {
            out.printf(Locale.ROOT, "  %s  %-16s filled %-12s %-14s %s%n", c.time(), c.state(),
                plain(c.filledQuantity()), c.exchangeOrderId() == null ? "-" : c.exchangeOrderId(),
                c.reason() == null ? "" : c.reason());
          }
          out.println();
          out.println("fills (" + fills.size() + ")");
          for (Fill x : fills) {
            out.printf(Locale.ROOT, "  %s  %-14s %s %s @ %s fee %s %s%s%n", x.time(), x.fillId(), x.side(),
                plain(x.quantity()), plain(x.price()), plain(x.fee()), x.feeAsset(), x.maker() ? " maker" : " taker");
          }
        }
        return 0;
      }
      List<StoredOrder> orders;
      if (openOnly) {
        // Newest first like the full listing, then limited.
        List<StoredOrder> open = new ArrayList<>(store.openOrders());
        Collections.reverse(open);
        orders = open.subList(0, Math.min(limit, open.size()));
      } else {
        orders = store.recentOrders(limit);
      }
      if (json) {
        ArrayNode arr = mapper.createArrayNode();
        orders.forEach(o -> orderJson(arr.addObject(), o));
        out.println(mapper.writeValueAsString(arr));
      } else {
        printTable(orders, out);
      }
    }
    return 0;
  }

  static void printTable(List<StoredOrder> orders, PrintWriter out) {
    if (orders.isEmpty()) {
      out.println("  (none)");
      return;
    }
    out.printf(Locale.ROOT, "  %10s  %-16s %-4s %-6s %12s %12s %12s  %-16s %-14s %4s  %s%n", "CLIENT ID", "SYMBOL",
        "SIDE", "TYPE", "QUANTITY", "PRICE", "FILLED", "STATE", "EXCHANGE ID", "TAG", "UPDATED");
    for (StoredOrder o : orders) {
      String qty = o.quantity() != null ? plain(o.quantity()) : plain(o.quoteQuantity()) + "q";
      out.printf(Locale.ROOT, "  %10d  %-16s %-4s %-6s %12s %12s %12s  %-16s %-14s %4d  %s%n", o.clientId(),
          o.symbol(), o.side(), o.type(), qty, o.limitPrice() == null ? "market" : plain(o.limitPrice()),
          plain(o.filledQuantity()), o.state(), o.exchangeOrderId() == null ? "-" : o.exchangeOrderId(), o.tag(),
          o.updatedAt());
    }
  }

  static void orderJson(ObjectNode n, StoredOrder o) {
    n.put("clientId", o.clientId());
    n.put("exchangeOrderId", o.exchangeOrderId());
    n.put("symbol", o.symbol());
    n.put("side", o.side().name());
    n.put("type", o.type().name());
    n.put("quantity", o.quantity() == null ? null : plain(o.quantity()));
    n.put("quoteQuantity", o.quoteQuantity() == null ? null : plain(o.quoteQuantity()));
    n.put("limitPrice", o.limitPrice() == null ? null : plain(o.limitPrice()));
    n.put("timeInForce", o.timeInForce().name());
    n.put("reduceOnly", o.reduceOnly());
    n.put("postOnly", o.postOnly());
    n.put("tag", o.tag());
    n.put("state", o.state().name());
    n.put("filledQuantity", plain(o.filledQuantity()));
    n.put("reason", o.reason());
    n.put("createdAt", o.createdAt().toString());
    n.put("updatedAt", o.updatedAt().toString());
  }

  static void fillJson(ObjectNode n, Fill f) {
    n.put("fillId", f.fillId());
    n.put("orderId", f.orderId());
    n.put("clientId", f.clientId());
    n.put("symbol", f.symbol());
    n.put("side", f.side().name());
    n.put("price", plain(f.price()));
    n.put("quantity", plain(f.quantity()));
    n.put("fee", plain(f.fee()));
    n.put("feeAsset", f.feeAsset());
    n.put("maker", f.maker());
    n.put("time", f.time().toString());
  }

  private static String plain(BigDecimal v) {
    return StatusCommand.plain(v);
  }
}
