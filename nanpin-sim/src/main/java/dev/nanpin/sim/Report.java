package dev.nanpin.sim;

import dev.nanpin.metrics.Metrics;
import java.util.Arrays;

/**
 * The figures of one backtest, all computed by the engine from its own ledger. Fractions, not
 * percents ({@code 0.12} = 12 %); money in quote units.
 *
 * <p>Return-based metrics (CAGR, volatility, Sharpe, Sortino, VaR, CVaR) use the daily
 * mark-to-market equity: the starting capital, then the equity at the last bar of each UTC day
 * (see {@link Metrics#dailyEquity}), annualised with {@link #periodsPerYear()}. The drawdowns are
 * per bar, which is finer than daily and so never smaller than the daily figure ({@link
 * #maxDrawdownDaily()} is the daily one). Undefined ratios are {@code 0}, as documented in
 * {@link Metrics}, except the profit factor, which is {@link Double#POSITIVE_INFINITY} when
 * trades made a profit and none lost ({@code null} in JSON, with {@code grossLoss} 0).
 *
 * <p><b>Short runs.</b> When the run spans fewer than {@link SimulationConfig#minAnnualisedDays()}
 * days, {@link #annualised()} is {@code false}: CAGR, volatility, Sharpe, Sortino, Calmar and
 * trades per year are extrapolations of a short window, not results, and the summary, the HTML
 * and the JSON say so; {@link #totalReturn()} (the period return) is the headline figure.
 *
 * <p><b>The open position.</b> Win rate and profit factor count closed round trips only; a ladder
 * still holding a losing position at the end looks better by them than it is. {@link
 * #openTradePnl()} is that position's P&amp;L (fees and funding included) and {@link
 * #winRateMarked()}, {@link #profitFactorMarked()} count it as a trade closed at the last close.
 *
 * @param totalReturn final equity over capital, minus one
 * @param cagr compound annual growth rate of the daily equity
 * @param volatility annualised standard deviation of daily returns
 * @param sharpe annualised Sharpe ratio of daily returns (no risk-free rate)
 * @param sortino annualised Sortino ratio of daily returns
 * @param calmar {@code cagr / maxDrawdown}
 * @param maxDrawdown largest peak-to-trough fall of the mark-to-market equity at bar closes, the capital counted as the first peak
 * @param maxDrawdownRealised the same on realised equity (capital plus realised P&amp;L, fees and funding; an open position at cost)
 * @param maxDrawdownDaily the drawdown of the daily mark-to-market equity
 * @param winRate share of closed round trips with a profit after fees
 * @param profitFactor gross profit over gross loss of closed round trips ({@code Infinity} with profits and no
 *     losing trade, {@code 0} without profit)
 * @param exposure share of bars that closed with an open position
 * @param tradesPerYear closed round trips per year of data
 * @param averageTradeHours mean duration of a closed round trip, first entry to exit, in hours
 * @param var95 historical 95 % value at risk of a daily return (non-positive)
 * @param cvar95 historical 95 % conditional value at risk (expected shortfall)
 * @param var99 historical 99 % value at risk
 * @param cvar99 historical 99 % conditional value at risk
 * @param feesPaid total fees paid
 * @param fundingPaid total funding paid (negative when received)
 * @param finalEquity mark-to-market equity at the last close (an open position is not charged an exit fee)
 * @param startEquity the starting capital
 * @param realisedPnl realised profit and loss before fees and funding
 * @param unrealisedPnl profit and loss of the position still open at the end
 * @param grossProfit sum of the winning round trips
 * @param grossLoss absolute sum of the losing round trips
 * @param closedTrades number of closed round trips (flat to flat)
 * @param fills number of fills, liquidations included
 * @param refusals number of orders refused (cash, margin, size, reduce-only, end of data)
 * @param liquidations number of liquidations
 * @param maxLadderDepth most entry fills in one position
 * @param peakCapitalInUse largest quote capital tied up in the position (margin on perps) and resting buys
 * @param bars number of bars
 * @param days number of daily returns
 * @param gaps number of holes in the bar times
 * @param periodsPerYear the annualisation factor used
 * @param spanDays calendar span of the data in days, first bar's open to last bar's close
 * @param annualised whether {@code spanDays >= minAnnualisedDays}; when {@code false} the annualised
 *     figures are extrapolated from a short window
 * @param minAnnualisedDays the shortest span whose annualised figures are results
 * @param openTradePnl P&amp;L of the round trip still open at the end, marked at the last close
 *     (fees and funding included; no exit fee), {@code 0} when flat
 * @param openTrade whether a position is open at the end
 * @param winRateMarked the win rate counting the open position as a trade closed at the last close
 * @param profitFactorMarked the profit factor counting the open position as a trade closed at the last close
 * @param returnOnCapitalDeployed final equity minus capital, over the peak capital in use ({@code 0} if none was used)
 * @param buyAndHoldReturn the return of buying with the whole capital at the first open (taker fee
 *     paid) and holding to the last close
 */
public record Report(
    double totalReturn, double cagr, double volatility, double sharpe, double sortino, double calmar,
    double maxDrawdown, double maxDrawdownRealised, double maxDrawdownDaily, double winRate, double profitFactor,
    double exposure, double tradesPerYear, double averageTradeHours, double var95, double cvar95, double var99,
    double cvar99, double feesPaid, double fundingPaid, double finalEquity, double startEquity, double realisedPnl,
    double unrealisedPnl, double grossProfit, double grossLoss, int closedTrades, int fills, int refusals,
    int liquidations, int maxLadderDepth, double peakCapitalInUse, int bars, int days, int gaps,
    double periodsPerYear, double spanDays, boolean annualised, double minAnnualisedDays, double openTradePnl,
    boolean openTrade, double winRateMarked, double profitFactorMarked, double returnOnCapitalDeployed,
    double buyAndHoldReturn) {

  static Report compute(Engine e, BarData data, SimulationConfig cfg) {
    Ledger l = e.ledger();
    int n = data.size();
    double capital = cfg.capital();
    double ppy = cfg.periodsPerYear();
    double[] daily = Metrics.dailyEquity(data.timeArray(), l.equity, n, capital);
    double[] r = Metrics.returns(daily);
    double cagr = Metrics.cagr(daily, ppy);
    double[] withStart = new double[n + 1];
    withStart[0] = capital;
    System.arraycopy(l.equity, 0, withStart, 1, n);
    double mdd = Metrics.maxDrawdown(withStart);
    double mddRealised = e.realisedMaxDrawdown();
    double years = r.length / ppy;
    long durationMillis = 0;
    for (int k = 0; k < l.trades; k++) {
      durationMillis += l.tradeExitTime[k] - l.tradeEntryTime[k];
    }
    double finalEquity = n == 0 ? capital : l.equity[n - 1];
    double spanDays = Metrics.spanDays(data.timeArray(), n, data.intervalMillis());
    // Every cost and gain lands in a round trip (funding is paid only while a position is open),
    // so what the closed trades do not explain belongs to the open one.
    boolean open = e.positionQuantity() != 0;
    double closedSum = 0;
    for (int k = 0; k < l.trades; k++) {
      closedSum += l.tradePnl[k];
    }
    double openPnl = open ? finalEquity - capital - closedSum : 0.0;
    double[] marked = Arrays.copyOf(l.tradePnl, l.trades + 1);
    marked[l.trades] = openPnl;
    int nMarked = open ? l.trades + 1 : l.trades;
    double peak = e.peakCapital();
    double buyAndHold = n == 0 ? 0.0
        : data.close(n - 1) / (data.open(0) * (1.0 + cfg.takerFeeBps() / 10_000.0)) - 1.0;
    return new Report(
        finalEquity / capital - 1.0,
        cagr,
        Metrics.volatility(r, ppy),
        Metrics.sharpe(r, ppy),
        Metrics.sortino(r, ppy),
        Metrics.calmar(cagr, mdd),
        mdd,
        mddRealised,
        Metrics.maxDrawdown(daily),
        Metrics.winRate(l.tradePnl, l.trades),
        Metrics.profitFactor(l.tradePnl, l.trades),
        n == 0 ? 0.0 : (double) e.barsInMarket() / n,
        years > 0 ? l.trades / years : 0.0,
        l.trades == 0 ? 0.0 : durationMillis / 3_600_000.0 / l.trades,
        Metrics.valueAtRisk(r, 0.95),
        Metrics.conditionalValueAtRisk(r, 0.95),
        Metrics.valueAtRisk(r, 0.99),
        Metrics.conditionalValueAtRisk(r, 0.99),
        e.feesPaid(),
        e.fundingPaid(),
        finalEquity,
        capital,
        e.realisedPnl(),
        e.unrealisedPnl(),
        Metrics.grossProfit(l.tradePnl, l.trades),
        Metrics.grossLoss(l.tradePnl, l.trades),
        l.trades,
        l.fills,
        l.refusals.size(),
        e.liquidations(),
        e.maxDepth(),
        e.peakCapital(),
        n,
        r.length,
        data.gaps(),
        ppy,
        spanDays,
        Metrics.isAnnualisable(spanDays, cfg.minAnnualisedDays()),
        cfg.minAnnualisedDays(),
        openPnl,
        open,
        Metrics.winRate(marked, nMarked),
        Metrics.profitFactor(marked, nMarked),
        peak > 0 ? (finalEquity - capital) / peak : 0.0,
        buyAndHold);
  }
}
