package dev.nanpin.sim.portfolio;

import dev.nanpin.ConfigException;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.PortfolioBook;
import dev.nanpin.engine.RiskCheck;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.guard.PortfolioGuard;
import dev.nanpin.risk.guard.RiskGuard;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One run of a portfolio backtest: the symbols' bars merged on one timeline, the shared {@link
 * PortfolioBook}, the guard, and what is recorded at every timestamp. Not thread-safe.
 */
final class PortfolioRun {
  final PortfolioBook book;
  final double[] marks;
  final Leg[] legs;
  private final PortfolioGuard guard;
  private final MaintenanceMargin[] mmf;
  private final String[] symbols;
  int liquidations;
  double peakCapital;

  /** The merged timeline: every timestamp at which at least one symbol has a bar, ascending. */
  final long[] times;
  final double[] equity;
  final double[] capitalInUse;
  final boolean[] inMarket;
  /** Per symbol, its part of the equity at every timestamp ({@link PortfolioBook#equity(int, double)}). */
  final double[][] parts;
  /** Per symbol, whether it had a bar at each timestamp. */
  final boolean[][] traded;
  /** Per symbol, its capital in use at every timestamp (cost or margin plus its resting reservations). */
  final double[][] symbolCapital;
  /** Per symbol, the notional of its position at its mark at every timestamp (its exposure, in quote). */
  final double[][] notional;

  PortfolioRun(List<PortfolioLeg> legList, double capital, PortfolioGuard guard) {
    int n = legList.size();
    this.marks = new double[n];
    this.legs = new Leg[n];
    this.guard = guard;
    this.mmf = new MaintenanceMargin[n];
    this.symbols = new String[n];
    Set<String> names = new HashSet<>();
    long[] all = new long[0];
    for (int i = 0; i < n; i++) {
      PortfolioLeg leg = legList.get(i);
      if (!names.add(leg.symbol())) {
        throw new ConfigException("symbol", "symbol " + leg.symbol() + " is listed twice");
      }
      if (leg.data().size() == 0) {
        throw new ConfigException("data", "symbol " + leg.symbol() + " has no bars");
      }
      symbols[i] = leg.symbol();
      mmf[i] = leg.config().maintenanceMargin();
      int m = all.length;
      all = Arrays.copyOf(all, m + leg.data().size());
      for (int j = 0; j < leg.data().size(); j++) {
        all[m + j] = leg.data().timeMillis(j);
      }
    }
    this.times = Arrays.stream(all).sorted().distinct().toArray();
    this.equity = new double[times.length];
    this.capitalInUse = new double[times.length];
    this.inMarket = new boolean[times.length];
    this.parts = new double[n][times.length];
    this.traded = new boolean[n][times.length];
    this.symbolCapital = new double[n][times.length];
    this.notional = new double[n][times.length];
    AccountBook[] books = new AccountBook[n];
    for (int i = 0; i < n; i++) {
      legs[i] = new Leg(i, legList.get(i), this);
      books[i] = legs[i].engine.book(); // each engine books its symbol's cash flow: flat, no cash until it trades
      // A symbol not yet trading is flat: its mark values nothing until its first bar sets it.
      marks[i] = legList.get(i).data().open(0);
    }
    this.book = PortfolioBook.over(books, capital);
    for (Leg leg : legs) {
      leg.linkOthers(legs);
    }
  }

  /**
   * Walks the timeline: at each timestamp, every symbol that has a bar there runs that bar, in
   * the order of the legs; a symbol without a bar does nothing (no fill, no {@code onBar}, no
   * funding) and is valued at its last price. The equity is recorded after the last symbol.
   */
  void run(Function<String, Strategy> strategies, Function<String, Sizer> sizers) {
    int[] cursor = new int[legs.length];
    for (int k = 0; k < times.length; k++) {
      long t = times[k];
      for (Leg leg : legs) {
        int c = cursor[leg.index];
        if (c < leg.data.size() && leg.data.timeMillis(c) == t) {
          if (c == 0) {
            Strategy s = strategies.apply(leg.symbol);
            if (leg.cfg.perpetual() && leg.cfg.leverage() > s.leverageCeiling()) {
              throw new ConfigException("leverage", "leverage %s of %s exceeds the strategy's ceiling %s"
                  .formatted(leg.cfg.leverage(), leg.symbol, s.leverageCeiling()));
            }
            leg.start(s, sizers.apply(leg.symbol));
          }
          leg.bar(c);
          cursor[leg.index] = c + 1;
          traded[leg.index][k] = true;
          if (c + 1 == leg.data.size()) {
            leg.stop();
          }
        }
      }
      record(k);
    }
  }

  private void record(int k) {
    equity[k] = equity();
    capitalInUse[k] = book.marginInUse() + reserved();
    boolean any = false;
    for (int i = 0; i < legs.length; i++) {
      parts[i][k] = book.equity(i, marks[i]);
      symbolCapital[i][k] = book.marginInUse(i) + legs[i].reserved();
      notional[i][k] = Math.abs(book.quantity(i)) * marks[i];
      any |= book.quantity(i) != 0;
    }
    inMarket[k] = any;
  }

  double equity() {
    return book.equity(marks);
  }

  double freeMargin() {
    return book.freeMargin(marks, reserved());
  }

  /** @return the quote every symbol's resting orders reserve */
  double reserved() {
    double r = 0;
    for (Leg leg : legs) {
      r += leg.reserved();
    }
    return r;
  }

  void notePeakCapital() {
    peakCapital = Math.max(peakCapital, book.marginInUse() + reserved());
  }

  double liquidationPrice(int symbol) {
    return book.liquidationPrice(symbol, marks, mmf);
  }

  /**
   * The guard's answer for an order of {@code leg}: the portfolio guard when one is set, else the
   * symbol's own {@link dev.nanpin.sim.SimulationConfig#riskGuard()} with the portfolio's equity.
   */
  String riskRefusal(Leg leg, int sign, double qty, double price, boolean reduceOnly) {
    double eq = equity();
    if (guard != null) {
      int n = legs.length;
      double[] positions = new double[n];
      double[] entries = new double[n];
      double[] adding = new double[n];
      for (int i = 0; i < n; i++) {
        positions[i] = book.quantity(i);
        entries[i] = book.averageEntry(i);
        adding[i] = legs[i].addingNotional();
      }
      return RiskCheck.refusal(guard, symbols, leg.index, sign, qty, price, reduceOnly, eq, eq, marks, positions,
          entries, adding);
    }
    RiskGuard single = leg.cfg.riskGuard();
    if (single == null) {
      return null;
    }
    return RiskCheck.refusal(single, leg.symbol, sign, qty, price, reduceOnly, eq, eq, marks[leg.index],
        book.quantity(leg.index), book.averageEntry(leg.index), leg.addingNotional());
  }
}
