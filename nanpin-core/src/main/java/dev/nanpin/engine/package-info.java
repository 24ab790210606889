/**
 * The engine kernel: the one set of trading rules that the backtester, the paper exchange and
 * the live engine call, so that a strategy tested in the simulator trades the same way live.
 *
 * <ul>
 *   <li>{@link dev.nanpin.engine.OrderSizing}: an intent's amount to a base quantity, every
 *       {@link dev.nanpin.Sizing} kind, spot and perp.</li>
 *   <li>{@link dev.nanpin.engine.AccountBook}: how fills, fees and funding change the position,
 *       its average entry, the realised P&amp;L, the cash or wallet, the margin in use and the
 *       liquidation price.</li>
 *   <li>{@link dev.nanpin.engine.PortfolioBook}: several symbols on one shared pool of cash or
 *       cross-margin collateral, each symbol's position kept by its own {@code AccountBook}.</li>
 *   <li>{@link dev.nanpin.engine.FillRules}: how a price path fills resting and market
 *       orders.</li>
 *   <li>{@link dev.nanpin.engine.Rounding}: tick and step rounding with explicit rounding
 *       modes.</li>
 *   <li>{@link dev.nanpin.engine.RiskCheck}: the {@link dev.nanpin.risk.guard.RiskGuard}
 *       hook.</li>
 *   <li>{@link dev.nanpin.engine.VisibleBars}: which bars of another symbol a strategy sees
 *       ({@link dev.nanpin.StrategyContext#bars(String)}).</li>
 * </ul>
 *
 * <h2>The gap rule</h2>
 * All resting orders that one price print crosses fill, in the order the price would have
 * reached their limits ({@link dev.nanpin.engine.FillRules#fillsBefore}), before any strategy
 * callback for that print runs; then {@code onFill} is called once per fill, in the same order.
 * A print is one price: the open of a bar (together with the market orders due at that open),
 * a level the intrabar path reaches, a ticker. So a bar that gaps through three ladder levels
 * fills all three at its open, and the strategy cannot cancel the lower levels from the
 * callback of the first one, as on a venue, where every crossed order fills before the trader
 * can react. Along a continuous move, distinct levels are distinct prints and the strategy hears
 * each before the price reaches the next.
 *
 * <h2>When a bar is known</h2>
 * A strategy hears of a bar at its close, as a live bot does (a venue's bar stream delivers a
 * bar when it closes): {@code onBar}, the signals observed by that close, and the sizing of the
 * orders it submits all run at the bar's close time, its open time plus the bar length. The
 * fills inside the bar (its open print and intrabar path) carry the bar's open time, the
 * earliest they could have happened. So a cooldown, a minimum hold or a signal's age measured
 * from a fill to a later {@code onBar} is the same in every engine: the backtester's context
 * reports these times, the paper replay's clock stands at the bar's close when it delivers the
 * bar, and the live engine reads the wall clock, which a closed bar has passed.
 *
 * <h2>When the cash runs short</h2>
 * One rule for what the account cannot pay, in every engine. A limit order that opens or adds to
 * the position is checked when the strategy submits it ({@link
 * dev.nanpin.engine.AccountBook#restRefusal}: its {@link
 * dev.nanpin.engine.OrderSizing#requiredQuote} against what is free now, less what orders already
 * reserve, in a portfolio the shared pool's): refused, it is never recorded or sent, the strategy
 * gets order id {@code -1} and {@code onOrderRejected(-1, reason)}. A market order is checked
 * when it fills (a venue fills it at once; a replay or backtest at the next open): a fill the
 * account cannot take ({@link dev.nanpin.engine.AccountBook#covers}) is refused, and the strategy
 * hears {@code onOrderRejected} with the order's id (the paper venue ends the order {@code
 * REJECTED}, not cancelled, and the live engine passes that on). The reason text is {@link
 * dev.nanpin.engine.AccountBook#notEnough} where the engine itself refuses.
 *
 * <p>Within one timestamp the events come in one order: symbol by symbol, in the order of the
 * run's symbols (ladders), each symbol's funding at its open, then the market orders due at that
 * open and the resting orders the open crosses, then its intrabar path, then {@code onBar} at its
 * close (whose orders are checked against the pool as the earlier symbols left it); the next
 * symbol's bar of the same timestamp comes after. The portfolio backtest and the paper portfolio
 * play it so, and the live engine reacts to each symbol's bar before the next is played.
 *
 * <p>The types here are primitive-valued and allocation-free where the simulator's hot loop
 * calls them ({@code OrderSizing}, {@code AccountBook}, {@code FillRules}); rounding and the risk
 * hook allocate and are called per order, never per bar.
 */
package dev.nanpin.engine;
