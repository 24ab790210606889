package dev.nanpin.live;

import dev.nanpin.InstrumentKind;
import dev.nanpin.engine.PortfolioBook;
import dev.nanpin.engine.RiskCheck;
import dev.nanpin.risk.guard.PortfolioGuard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ladders of a multi-symbol bot seen together: the state the {@link PortfolioGuard} checks
 * every order against, and the portfolio's figures for the status. The ladders run on one shared
 * {@link EngineLoop}, so this reads their state directly; it is used on that thread only.
 *
 * <p>The account is the venue's (one account for every symbol): equity and collateral are what it
 * reports, as for a single-symbol engine. The portfolio's figures are the kernel's {@link
 * PortfolioBook} over the ladders' positions and the venue's quote balance.
 *
 * <p><b>A failed ladder.</b> A ladder that failed has stopped, and its position and resting orders
 * are no longer known (its fills are no longer applied), so the guard's view of the shared account
 * cannot be trusted any more: from then on every order that adds risk, on any ladder, is refused
 * ({@code LADDER_FAILED}, naming the ladder and its error); orders that only reduce a position go
 * on. A restart restores and reconciles every ladder from the store and the venue.
 */
final class Portfolio {
  private final PortfolioGuard guard;
  private final List<LiveEngine> ladders = new ArrayList<>();
  private String[] symbols = new String[0];

  /** @param guard the guard over all symbols (its per-symbol guard applies to each ladder) */
  Portfolio(PortfolioGuard guard) {
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  /** Adds a ladder, in the bot's symbol order; before the engines start. */
  void add(LiveEngine ladder) {
    ladders.add(ladder);
    symbols = ladders.stream().map(l -> l.cfg.symbol()).toArray(String[]::new);
  }

  /** @return the ladders, in the bot's symbol order */
  List<LiveEngine> ladders() {
    return List.copyOf(ladders);
  }

  /**
   * Checks an order of one ladder against the portfolio guard, with every ladder's position,
   * mark and resting orders as they stand now.
   *
   * @return {@code null} when accepted, else the guard's message naming the limit and the numbers
   *     (or the failed ladder, see the class comment)
   */
  String refusal(EngineCore ladder, int sign, BigDecimal quantity, BigDecimal price, boolean reduceOnly) {
    if (!reduceOnly) {
      for (LiveEngine l : ladders) {
        if (l.failure() != null) {
          return ("LADDER_FAILED: ladder %s failed (%s): the shared account's state is no longer known, so no ladder "
              + "adds risk until the bot is restarted; orders that reduce a position go on")
              .formatted(l.cfg.symbol(), StatusWriter.describe(l.failure()));
        }
      }
    }
    int n = ladders.size();
    double[] marks = new double[n];
    double[] positions = new double[n];
    double[] entries = new double[n];
    double[] resting = new double[n];
    int index = -1;
    for (int i = 0; i < n; i++) {
      EngineCore l = ladders.get(i);
      if (l == ladder) {
        index = i;
      }
      positions[i] = l.posQty;
      entries[i] = l.book.averageEntry();
      marks[i] = mark(l);
      resting[i] = l.restingNotional();
    }
    if (index < 0) {
      throw new IllegalArgumentException("ladder " + ladder.cfg.symbol() + " is not one of " + List.of(symbols));
    }
    return RiskCheck.refusal(guard, symbols, index, sign, quantity.doubleValue(), price.doubleValue(), reduceOnly,
        ladder.account == null ? 0 : ladder.account.equity().doubleValue(),
        ladder.account == null ? 0 : ladder.account.collateral().doubleValue(), marks, positions, entries, resting);
  }

  /**
   * A ladder's mark for the guard and the figures: its last price; before the first one, its
   * average entry, or 1 when flat (a flat ladder without a price contributes no notional).
   */
  private static double mark(EngineCore l) {
    double m = l.markOrEntry();
    return m > 0 ? m : 1;
  }

  /** The portfolio's snapshot; on the loop thread. */
  PortfolioStatus snapshot(String bot) {
    int n = ladders.size();
    List<EngineStatus> statuses = new ArrayList<>(n);
    boolean[] perp = new boolean[n];
    double[] leverage = new double[n];
    double[] marks = new double[n];
    double capital = 0;
    int active = 0;
    for (int i = 0; i < n; i++) {
      LiveEngine l = ladders.get(i);
      statuses.add(l.snapshot());
      perp[i] = l.instrument != null && l.instrument.kind() != InstrumentKind.SPOT;
      leverage[i] = Math.max(1, l.strategy.leverageCeiling());
      marks[i] = mark(l);
      double resting = l.restingNotional();
      capital += Math.abs(l.posQty) * l.book.averageEntry() + resting;
      if (l.posQty != 0 || resting > 0) {
        active++;
      }
    }
    PortfolioBook book = new PortfolioBook(n).reset(perp, leverage, 0);
    for (int i = 0; i < n; i++) {
      LiveEngine l = ladders.get(i);
      book.restorePosition(i, l.posQty, l.book.averageEntry(), l.book.entries());
    }
    LiveEngine first = ladders.get(0);
    double cash = first.account == null ? Double.NaN : first.quoteAvailable;
    return new PortfolioStatus(bot, first.clock.instant(),
        first.account == null ? Double.NaN : first.account.equity().doubleValue(), cash, book.marginInUse(),
        capital, active, statuses);
  }
}
