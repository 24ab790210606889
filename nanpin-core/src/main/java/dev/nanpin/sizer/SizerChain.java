package dev.nanpin.sizer;

import static dev.nanpin.internal.Checks.notNull;

import dev.nanpin.AccountView;
import dev.nanpin.ConfigException;
import dev.nanpin.Execution;
import dev.nanpin.OrderIntent;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Stateful;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sizers composed: the answer is the smallest of the members' answers, then capped by an
 * optional largest quote notional per order. Fills and closed trades are passed to every member,
 * so each keeps its own history.
 *
 * <p>The chain is {@link Stateful}: it saves the state of each stateful member under the prefix
 * {@code <index>.}. Not thread-safe: one engine thread calls it.
 */
public final class SizerChain implements Sizer, Stateful {
  private final Sizer[] members;
  private final double maxQuote;

  /**
   * Creates the chain.
   *
   * @param members the sizers, at least one
   * @param maxQuote the largest quote notional of one order, or {@code NaN} for no cap
   */
  public SizerChain(List<? extends Sizer> members, double maxQuote) {
    notNull(members, "members");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a sizer chain needs at least one sizer");
    }
    this.members = members.toArray(new Sizer[0]);
    for (Sizer s : this.members) {
      notNull(s, "member");
    }
    if (!Double.isNaN(maxQuote) && !(maxQuote > 0)) {
      throw new IllegalArgumentException("maxQuote must be > 0 or NaN: " + maxQuote);
    }
    this.maxQuote = maxQuote;
  }

  /**
   * A chain without a notional cap.
   *
   * @param members the sizers
   * @return the chain
   */
  public static SizerChain of(Sizer... members) {
    return new SizerChain(List.of(members), Double.NaN);
  }

  @Override
  public double quoteSize(OrderIntent intent, double price, AccountView account, long timeMillis) {
    double min = Double.POSITIVE_INFINITY;
    for (Sizer s : members) {
      double a = s.quoteSize(intent, price, account, timeMillis);
      if (!(a > 0)) {
        return 0; // a refusal (or a bad answer) by any member refuses the order
      }
      min = Math.min(min, a);
    }
    if (!Double.isNaN(maxQuote)) {
      double multiplier = intent.sizing() == Sizing.SIZER ? intent.amount() : 1.0;
      min = Math.min(min, maxQuote / multiplier);
    }
    return Double.isFinite(min) && min > 0 ? min : 0;
  }

  @Override
  public void onFill(Execution fill, AccountView account) {
    for (Sizer s : members) {
      s.onFill(fill, account);
    }
  }

  @Override
  public void onTradeClosed(double pnl, double returnFraction) {
    for (Sizer s : members) {
      s.onTradeClosed(pnl, returnFraction);
    }
  }

  @Override
  public Map<String, String> saveState() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < members.length; i++) {
      if (members[i] instanceof Stateful st) {
        for (Map.Entry<String, String> e : st.saveState().entrySet()) {
          m.put(i + "." + e.getKey(), e.getValue());
        }
      }
    }
    return m;
  }

  @Override
  public void restoreState(Map<String, String> state) {
    notNull(state, "state");
    for (int i = 0; i < members.length; i++) {
      if (members[i] instanceof Stateful st) {
        String prefix = i + ".";
        Map<String, String> sub = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : state.entrySet()) {
          if (e.getKey().startsWith(prefix)) {
            sub.put(e.getKey().substring(prefix.length()), e.getValue());
          }
        }
        st.restoreState(sub);
      }
    }
    for (String key : state.keySet()) {
      int dot = key.indexOf('.');
      if (dot <= 0) {
        throw new ConfigException(key, "sizer chain state key without a member index: " + key);
      }
    }
  }
}
