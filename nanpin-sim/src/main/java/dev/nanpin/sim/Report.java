package dev.nanpin.sim;

import dev.nanpin.metrics.Metrics;

/**
 * The figures of one backtest, all computed by the engine from its own ledger. Fractions, not
 * percents ({@code 0.12} = 12 %); money in quote units.
 *
 * <p>Return-based metrics (CAGR, volatility, Sharpe, Sortino, VaR, CVaR) use the daily
 * mark-to-market equity: the starting capital, then the equity at the last bar of each UTC day
 * (see {@link Metrics#dailyEquity}), annualised with {@link #periodsPerYear()}. The drawdowns are
 * per bar, which is finer than daily and so never smaller than the daily figure ({@link
 * #maxDrawdownDaily()} is the daily one). Undefined ratios are {@code 0}, as documented in
 * {@link Metrics}.
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
 * @param profitFactor gross profit over gross loss of closed round trips ({@code 0} without a losing trade)
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
 */
public record Report(
    double totalReturn, double cagr, double volatility, double sharpe, double sortino, double calmar,
    double maxDrawdown, double maxDrawdownRealised, double maxDrawdownDaily, double winRate, double profitFactor,
    double exposure, double tradesPerYear, double averageTradeHours, double var95, double cvar95, double var99,
    double cvar99, double feesPaid, double fundingPaid, double finalEquity, double startEquity, double realisedPnl,
    double unrealisedPnl, double grossProfit, double grossLoss, int closedTrades, int fills, int refusals,
    int liquidations, int maxLadderDepth, double peakCapitalInUse, int bars, int days, int gaps,
    double periodsPerYear) {

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
        ppy);
  }
}
