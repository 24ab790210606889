package dev.nanpin.store;

import dev.nanpin.AccountState;
import dev.nanpin.Fill;
import dev.nanpin.OrderRequest;
import dev.nanpin.Position;
import dev.nanpin.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The child process of {@link StoreCrashTest}: writes orders, fills and state in the order the
 * live engine does, forever, printing one line per completed order, until it is killed.
 *
 * <p>On start it first settles what the previous (killed) run left: an order still SENDING is
 * marked FAILED, one that reached the "venue" (NEW) is filled, each with an audit row.
 */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  /**
   * Runs the writer.
   *
   * @param args the store path
   */
  public static void main(String[] args) {
    try (StateStore store = StateStore.open(Path.of(args[0]))) {
      for (StoredOrder o : store.openOrders()) {
        if (o.state() == OrderState.SENDING) {
          store.runInTransaction(s -> {
            s.updateOrder(new OrderUpdate(o.clientId(), OrderState.FAILED, null, null, "killed before the send", now()));
            s.audit("MARK_FAILED", "clientId=" + o.clientId(), true, "SENDING at restart");
          });
        } else {
          fill(store, o.clientId());
          store.audit("APPLY_MISSED_FILL", "clientId=" + o.clientId(), true, "NEW at restart");
        }
      }
      System.out.println("ready");
      System.out.flush();
      while (true) {
        long id = store.allocateClientId();
        OrderRequest request = OrderRequest.limit("SOL_USDC", Side.BUY, new BigDecimal("0.25"),
            new BigDecimal("100.5"), id);
        store.recordSending(request, (int) (id % 7));
        // The "send": the venue accepts the order and answers with its id.
        store.updateOrder(new OrderUpdate(id, OrderState.NEW, "X" + id, BigDecimal.ZERO, null, now()));
        fill(store, id);
        store.savePosition(new Position("SOL_USDC", new BigDecimal("0.25").multiply(BigDecimal.valueOf(id)),
            new BigDecimal("100.5"), new BigDecimal("100.5"), BigDecimal.ZERO, null, now()));
        store.saveEquity(new AccountState(new BigDecimal("1000"), new BigDecimal("1000"), new BigDecimal("900"),
            new BigDecimal("100"), now()));
        System.out.println("done " + id);
        System.out.flush();
      }
    }
  }

  /** The fill, the order's new state and the plugin state in one transaction, as the engine does. */
  private static void fill(StateStore store, long id) {
    store.runInTransaction(s -> {
      Fill fill = new Fill("F" + id, "X" + id, id, "SOL_USDC", Side.BUY, new BigDecimal("100.5"),
          new BigDecimal("0.25"), new BigDecimal("0.01"), "USDC", true, now());
      if (s.recordFill(fill)) {
        Map<String, String> ladder = s.loadState(StateKind.STRATEGY, "crash");
        long fills = Long.parseLong(ladder.getOrDefault("fills", "0")) + 1;
        s.updateOrder(new OrderUpdate(id, OrderState.FILLED, "X" + id, new BigDecimal("0.25"), null, now()));
        s.saveState(StateKind.STRATEGY, "crash", Map.of("fills", Long.toString(fills), "lastClientId",
            Long.toString(id), "level." + (fills % 5), "100.5"));
        s.saveState(StateKind.SIZER, "crash", Map.of("buyCount", Long.toString(fills)));
      }
    });
  }

  private static Instant now() {
    return Instant.now();
  }
}
