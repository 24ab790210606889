package dev.nanpin.sim;

import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Signal;
import dev.nanpin.SignalFeed;
import dev.nanpin.metrics.Metrics;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.spi.BarCloseSignals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a backtest simulates the market and the account. Immutable and thread-safe; build it with
 * {@link #builder()} and derive variants with {@link #toBuilder()}.
 *
 * <p>Defaults: capital 10,000 quote; maker and taker fees 10 bps; no slippage; market orders fill
 * at the {@link FillTiming#NEXT_OPEN next open}; {@link IntrabarPath#NEARER_EXTREME_FIRST nearer
 * extreme first}; limit orders fill only when the price trades through them; a spot instrument;
 * leverage 1; for perpetuals Backpack's maintenance-margin function {@code 0.0125 + 0.0000765 *
 * sqrt(notional)} (the same default as {@code nanpin plan}), a liquidation fee of 125 bps of the
 * liquidated notional on top of the taker fee, and <em>no funding default</em>: a perpetual
 * must state its funding assumption ({@link Builder#funding}, {@link Builder#fundingSeries}, zero
 * included), because funding decides whether a long ladder on perps earns anything; the default
 * sizer answers 100 quote;
 * 365 periods per year for the metrics; annualised figures are results only for spans of at least
 * {@link Metrics#MIN_ANNUALISED_DAYS} days (shorter runs report them as extrapolated).
 *
 * <p>Prices and quantities are {@code double} and are not rounded to the instrument's tick and
 * step: the simulator reproduces the rules it is given to the last bit, and the rounding a
 * venue imposes is the live engine's job.
 *
 * <p>Serialisable, so that sweeps and Monte Carlo runs can be computed in other processes (e.g. on
 * Spark), as long as its signals and maintenance-margin schedule are serialisable too (the
 * built-in ones are).
 */
public final class SimulationConfig implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Default maintenance-margin base of a perpetual: the kernel's {@link dev.nanpin.engine.Liquidation#DEFAULT_MMF_BASE}. */
  public static final double DEFAULT_MMF_BASE = dev.nanpin.engine.Liquidation.DEFAULT_MMF_BASE;
  /** Default maintenance-margin sqrt factor of a perpetual: the kernel's {@link dev.nanpin.engine.Liquidation#DEFAULT_MMF_FACTOR}. */
  public static final double DEFAULT_MMF_FACTOR = dev.nanpin.engine.Liquidation.DEFAULT_MMF_FACTOR;
  /** Default liquidation fee in basis points of the liquidated notional, on top of the taker fee: the kernel's {@link dev.nanpin.engine.Liquidation#DEFAULT_FEE_BPS}. */
  public static final double DEFAULT_LIQUIDATION_FEE_BPS = dev.nanpin.engine.Liquidation.DEFAULT_FEE_BPS;

  /** The instrument used when none is set: a spot market with a fine grid. */
  public static final Instrument DEFAULT_INSTRUMENT = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT,
      new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));

  private final double capital;
  private final double makerFeeBps;
  private final double takerFeeBps;
  private final double slippageBps;
  private final FillTiming fillTiming;
  private final IntrabarPath intrabarPath;
  private final boolean limitFillsOnTouch;
  private final Instrument instrument;
  private final double leverage;
  private final double maintenanceMarginRate;
  private final MaintenanceMargin maintenanceMargin;
  private final String maintenanceMarginDescription;
  private final double liquidationFeeBps;
  private final double fundingRate;
  private final Duration fundingInterval;
  private final long[] fundingTimes;
  private final double[] fundingRates;
  private final double defaultSizerQuote;
  private final double periodsPerYear;
  /** The signals set with {@link Builder#signals}, as given (sorted). */
  private final Signal[] replay;
  private final List<SignalFeed> feeds;
  /** Everything recorded the run replays: {@link #replay} and the recorded feeds, in time order. */
  private final double minAnnualisedDays;
  private final Signal[] signals;
  private final long[] signalMillis;
  private final boolean roundToInstrument;
  private final RiskGuard riskGuard;
  private final List<SignalFeed> computedFeeds;

  private SimulationConfig(Builder b) {
    this.capital = check("capital", b.capital, Double.MIN_VALUE, Double.MAX_VALUE);
    this.makerFeeBps = check("makerFeeBps", b.makerFeeBps, -10_000, 10_000);
    this.takerFeeBps = check("takerFeeBps", b.takerFeeBps, 0, 10_000);
    this.slippageBps = check("slippageBps", b.slippageBps, 0, 9_999);
    this.fillTiming = Objects.requireNonNull(b.fillTiming, "fillTiming");
    this.intrabarPath = Objects.requireNonNull(b.intrabarPath, "intrabarPath");
    this.limitFillsOnTouch = b.limitFillsOnTouch;
    this.instrument = Objects.requireNonNull(b.instrument, "instrument");
    this.leverage = check("leverage", b.leverage, 1.0, 1000.0);
    this.maintenanceMarginRate = check("maintenanceMarginRate", b.maintenanceMarginRate, 0.0, 0.999);
    if (b.maintenanceMargin != null) {
      this.maintenanceMargin = b.maintenanceMargin;
      this.maintenanceMarginDescription = b.maintenanceMarginDescription;
    } else if (b.maintenanceMarginRateSet) {
      this.maintenanceMargin = MaintenanceMargin.constant(maintenanceMarginRate);
      this.maintenanceMarginDescription = "constant " + maintenanceMarginRate;
    } else {
      this.maintenanceMargin = dev.nanpin.engine.Liquidation.DEFAULT_MAINTENANCE_MARGIN; // the paper exchange's too
      this.maintenanceMarginDescription = sqrtDescription(DEFAULT_MMF_BASE, DEFAULT_MMF_FACTOR);
    }
    this.liquidationFeeBps = check("liquidationFeeBps", b.liquidationFeeBps, 0, 10_000);
    this.fundingRate = check("fundingRate", b.fundingRate, -1.0, 1.0);
    this.fundingInterval = Objects.requireNonNull(b.fundingInterval, "fundingInterval");
    if (fundingInterval.isNegative() || fundingInterval.isZero()) {
      throw new ConfigException("fundingInterval", "fundingInterval must be positive: " + fundingInterval);
    }
    this.fundingTimes = b.fundingTimes;
    this.fundingRates = b.fundingRates;
    this.defaultSizerQuote = check("defaultSizerQuote", b.defaultSizerQuote, Double.MIN_VALUE, Double.MAX_VALUE);
    this.periodsPerYear = check("periodsPerYear", b.periodsPerYear, 1.0, 1_000_000.0);
    this.minAnnualisedDays = check("minAnnualisedDays", b.minAnnualisedDays, 0.0, 100_000.0);
    this.roundToInstrument = b.roundToInstrument;
    this.riskGuard = b.riskGuard;
    this.replay = b.signals;
    this.feeds = List.copyOf(b.feeds);
    List<Signal> recorded = new ArrayList<>(Arrays.asList(replay));
    List<SignalFeed> computed = new ArrayList<>();
    for (SignalFeed f : feeds) {
      if (f instanceof SignalFeed.Recorded r) {
        recorded.addAll(r.signals());
      } else if (f instanceof SignalFeed.Computed) {
        computed.add(f);
      } else {
        throw new ConfigException("signalFeeds", ("signal feed '%s' is %s live only: a backtest replays recorded "
            + "signals (SignalFeed.recorded) or computes them from the bars (SignalFeed.computed)").formatted(
                f.name(), f instanceof SignalFeed.Polled ? "polled" : "streamed"));
      }
    }
    recorded.sort(Comparator.comparing(Signal::asOf)); // stable: ties keep their order
    this.signals = recorded.toArray(Signal[]::new);
    this.computedFeeds = List.copyOf(computed);
    this.signalMillis = new long[signals.length];
    for (int k = 0; k < signals.length; k++) {
      signalMillis[k] = signals[k].asOf().toEpochMilli();
    }
    if (instrument.kind() == InstrumentKind.PERP && !b.fundingSet) {
      throw new ConfigException("funding", "a perpetual needs a stated funding assumption: funding(rate, interval) "
          + "or fundingSeries(times, rates); pass funding(0, interval) to assume none");
    }
    if (instrument.kind() == InstrumentKind.SPOT && leverage != 1.0) {
      throw new ConfigException("leverage", "leverage %s needs a perpetual instrument; %s is spot"
          .formatted(leverage, instrument.symbol()));
    }
  }

  private static double check(String name, double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      String rule = min == Double.MIN_VALUE && max == Double.MAX_VALUE ? "must be positive (and finite)"
          : "must be between %s and %s".formatted(plain(min), plain(max));
      throw new ConfigException(name, "%s = %s %s".formatted(name, plain(v), rule));
    }
    return v;
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the defaults */
  public static SimulationConfig defaults() {
    return builder().build();
  }

  /** @return a builder holding this configuration */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.capital = capital;
    b.makerFeeBps = makerFeeBps;
    b.takerFeeBps = takerFeeBps;
    b.slippageBps = slippageBps;
    b.fillTiming = fillTiming;
    b.intrabarPath = intrabarPath;
    b.limitFillsOnTouch = limitFillsOnTouch;
    b.instrument = instrument;
    b.leverage = leverage;
    b.maintenanceMarginRate = maintenanceMarginRate;
    b.maintenanceMargin = maintenanceMargin;
    b.maintenanceMarginDescription = maintenanceMarginDescription;
    b.maintenanceMarginRateSet = true;
    b.liquidationFeeBps = liquidationFeeBps;
    b.fundingSet = true;
    b.fundingRate = fundingRate;
    b.fundingInterval = fundingInterval;
    b.fundingTimes = fundingTimes;
    b.fundingRates = fundingRates;
    b.defaultSizerQuote = defaultSizerQuote;
    b.periodsPerYear = periodsPerYear;
    b.signals = replay;
    b.feeds = new ArrayList<>(feeds);
    b.roundToInstrument = roundToInstrument;
    b.riskGuard = riskGuard;
    b.minAnnualisedDays = minAnnualisedDays;
    return b;
  }

  /**
   * @return every recorded signal the run replays, those of {@link Builder#signals} and of the
   *     recorded feeds, in time order ({@link Signal#asOf()}); empty when none was set
   */
  public List<Signal> signals() {
    return List.of(signals);
  }

  /** @return the signal feeds set with {@link Builder#signalFeeds}, in order */
  public List<SignalFeed> signalFeeds() {
    return feeds;
  }

  /** The computed feeds, in order: the engine makes their generators at the start of each run. */
  List<SignalFeed> computedFeeds() {
    return computedFeeds;
  }

  /**
   * A new run state of every signal this configuration delivers at bar closes: the recorded
   * signals ({@link #signals()}, in time order, ties in the order given) and one new generator per
   * computed feed, delivered by {@link BarCloseSignals#onBarClose} in the order {@link SignalFeed}
   * documents. Each engine run makes its own (a portfolio backtest one per symbol).
   *
   * @return the run state
   */
  public BarCloseSignals newBarCloseSignals() {
    List<SignalFeed> all = new ArrayList<>(computedFeeds.size() + 1);
    all.add(SignalFeed.recorded("signals", Arrays.asList(signals)));
    all.addAll(computedFeeds);
    return BarCloseSignals.of(all);
  }

  Signal[] signalArray() {
    return signals;
  }

  long[] signalMillisArray() {
    return signalMillis;
  }

  /** @return the starting quote balance */
  public double capital() {
    return capital;
  }

  /** @return the maker fee in basis points (resting limit orders); may be negative (a rebate) */
  public double makerFeeBps() {
    return makerFeeBps;
  }

  /** @return the taker fee in basis points (market orders, marketable limits, liquidations) */
  public double takerFeeBps() {
    return takerFeeBps;
  }

  /** @return the slippage of market orders in basis points, against the trader */
  public double slippageBps() {
    return slippageBps;
  }

  /** @return when market orders fill */
  public FillTiming fillTiming() {
    return fillTiming;
  }

  /** @return the assumed path inside a bar */
  public IntrabarPath intrabarPath() {
    return intrabarPath;
  }

  /** @return whether a limit fills when the price only touches it (default: it must trade through) */
  public boolean limitFillsOnTouch() {
    return limitFillsOnTouch;
  }

  /** @return the simulated instrument; its kind selects the spot or the perpetual account */
  public Instrument instrument() {
    return instrument;
  }

  /** @return whether the account is a perpetual-futures margin account */
  public boolean perpetual() {
    return instrument.kind() == InstrumentKind.PERP;
  }

  /** @return the leverage of a perpetual account ({@code 1} on spot) */
  public double leverage() {
    return leverage;
  }

  /** @return the constant maintenance-margin fraction set with {@link Builder#maintenanceMarginRate} (perps) */
  public double maintenanceMarginRate() {
    return maintenanceMarginRate;
  }

  /**
   * @return the maintenance-margin function liquidation uses (perps): the one set with {@link
   *     Builder#maintenanceMargin}, else a constant {@link #maintenanceMarginRate()}
   */
  public MaintenanceMargin maintenanceMargin() {
    return maintenanceMargin;
  }

  /** @return how the maintenance margin is computed, for reports (e.g. {@code sqrt(base 0.0125, factor 7.65E-5)}) */
  public String maintenanceMarginDescription() {
    return maintenanceMarginDescription;
  }

  /** @return the liquidation fee in basis points of the liquidated notional, on top of the taker fee (perps) */
  public double liquidationFeeBps() {
    return liquidationFeeBps;
  }

  private static String sqrtDescription(double base, double factor) {
    return "sqrt(base " + base + ", factor " + factor + ")";
  }

  /** @return the constant funding rate per interval (perps; longs pay when positive), used when no series is set */
  public double fundingRate() {
    return fundingRate;
  }

  /** @return the funding interval of the constant rate, aligned to the epoch (8 h by default) */
  public Duration fundingInterval() {
    return fundingInterval;
  }

  /** @return whether a funding-rate series replaces the constant rate */
  public boolean hasFundingSeries() {
    return fundingTimes != null;
  }

  /** @return a copy of the funding event times (epoch ms), empty without a series */
  public long[] fundingTimes() {
    return fundingTimes == null ? new long[0] : fundingTimes.clone();
  }

  /** @return a copy of the funding rates of the series, empty without a series */
  public double[] fundingRates() {
    return fundingRates == null ? new double[0] : fundingRates.clone();
  }

  /** @return the quote amount the default sizer answers for {@code Sizing.SIZER} intents */
  public double defaultSizerQuote() {
    return defaultSizerQuote;
  }

  /** @return the periods per year used to annualise daily metrics (365 by default) */
  public double periodsPerYear() {
    return periodsPerYear;
  }

  /**
   * Whether orders are rounded to the instrument's grid as a venue would take them: limit prices
   * away from the market, quantities down to the step, refused below the minimum quantity, market
   * fill prices against the order ({@link dev.nanpin.engine.Rounding}). Off by default: the
   * simulator then sizes and fills in unrounded {@code double}s.
   *
   * @return whether rounding is on
   */
  public boolean roundToInstrument() {
    return roundToInstrument;
  }

  /**
   * The risk guard every order is checked against before it is placed (limits at submission,
   * market orders when their size is known, at the fill), as the live engine does; {@code null}
   * (the default) for none.
   *
   * @return the guard, or {@code null}
   */
  public RiskGuard riskGuard() {
    return riskGuard;
  }

  /**
   * @return the shortest span, in days, whose annualised figures (CAGR, volatility, Sharpe,
   *     Sortino, Calmar, trades per year) a report presents as results; shorter runs mark them
   *     as extrapolated ({@link Metrics#MIN_ANNUALISED_DAYS} by default)
   */
  public double minAnnualisedDays() {
    return minAnnualisedDays;
  }

  long[] fundingTimesRaw() {
    return fundingTimes;
  }

  double[] fundingRatesRaw() {
    return fundingRates;
  }

  @Override
  public String toString() {
    return ("SimulationConfig[capital=%s, makerFeeBps=%s, takerFeeBps=%s, slippageBps=%s, fill=%s, path=%s, touch=%s, %s,"
        + " leverage=%s, round=%s, risk=%s]")
        .formatted(capital, makerFeeBps, takerFeeBps, slippageBps, fillTiming, intrabarPath, limitFillsOnTouch,
            instrument.symbol(), leverage, roundToInstrument, riskGuard == null ? "off" : riskGuard.limits());
  }

  /** Builds a {@link SimulationConfig}; not thread-safe. */
  public static final class Builder {
    private double capital = 10_000.0;
    private double makerFeeBps = 10.0;
    private double takerFeeBps = 10.0;
    private double slippageBps = 0.0;
    private FillTiming fillTiming = FillTiming.NEXT_OPEN;
    private IntrabarPath intrabarPath = IntrabarPath.NEARER_EXTREME_FIRST;
    private boolean limitFillsOnTouch;
    private Instrument instrument = DEFAULT_INSTRUMENT;
    private double leverage = 1.0;
    private double maintenanceMarginRate = 0.005;
    private boolean maintenanceMarginRateSet;
    private MaintenanceMargin maintenanceMargin;
    private String maintenanceMarginDescription;
    private double liquidationFeeBps = DEFAULT_LIQUIDATION_FEE_BPS;
    private boolean fundingSet;
    private double fundingRate;
    private Duration fundingInterval = Duration.ofHours(8);
    private long[] fundingTimes;
    private Signal[] signals = new Signal[0];
    private List<SignalFeed> feeds = new ArrayList<>();
    private double[] fundingRates;
    private double defaultSizerQuote = 100.0;
    private double periodsPerYear = Metrics.DAYS_PER_YEAR;
    private boolean roundToInstrument;
    private RiskGuard riskGuard;
    private double minAnnualisedDays = Metrics.MIN_ANNUALISED_DAYS;

    private Builder() {}

    /**
     * Turns rounding to the instrument's tick, step and minimum quantity on or off (off by
     * default); see {@link SimulationConfig#roundToInstrument()}.
     *
     * @param round whether to round
     * @return this builder
     */
    public Builder roundToInstrument(boolean round) {
      this.roundToInstrument = round;
      return this;
    }

    /**
     * Sets the risk guard orders are checked against, or {@code null} for none (the default).
     *
     * @param guard the guard, or {@code null}
     * @return this builder
     */
    public Builder riskGuard(RiskGuard guard) {
      this.riskGuard = guard;
      return this;
    }

    /**
     * @param quote the starting quote balance, {@code > 0}
     * @return this builder
     */
    public Builder capital(double quote) {
      this.capital = quote;
      return this;
    }

    /**
     * Sets maker and taker fees to the same value.
     *
     * @param bps the fee in basis points (10 = 0.1 %)
     * @return this builder
     */
    public Builder feeBps(double bps) {
      this.makerFeeBps = bps;
      this.takerFeeBps = bps;
      return this;
    }

    /**
     * @param bps the maker fee in basis points; negative for a rebate
     * @return this builder
     */
    public Builder makerFeeBps(double bps) {
      this.makerFeeBps = bps;
      return this;
    }

    /**
     * @param bps the taker fee in basis points
     * @return this builder
     */
    public Builder takerFeeBps(double bps) {
      this.takerFeeBps = bps;
      return this;
    }

    /**
     * @param bps slippage of market orders in basis points, applied against the trader
     * @return this builder
     */
    public Builder slippageBps(double bps) {
      this.slippageBps = bps;
      return this;
    }

    /**
     * @param timing when market orders fill
     * @return this builder
     */
    public Builder fillTiming(FillTiming timing) {
      this.fillTiming = timing;
      return this;
    }

    /**
     * @param path the assumed intrabar path
     * @return this builder
     */
    public Builder intrabarPath(IntrabarPath path) {
      this.intrabarPath = path;
      return this;
    }

    /**
     * @param touch whether a limit fills when the price only touches its level
     * @return this builder
     */
    public Builder limitFillsOnTouch(boolean touch) {
      this.limitFillsOnTouch = touch;
      return this;
    }

    /**
     * @param instrument the instrument; a {@link InstrumentKind#PERP} instrument makes a margin account
     * @return this builder
     */
    public Builder instrument(Instrument instrument) {
      this.instrument = instrument;
      return this;
    }

    /**
     * @param leverage the leverage of a perpetual account, {@code [1, 1000]}
     * @return this builder
     */
    public Builder leverage(double leverage) {
      this.leverage = leverage;
      return this;
    }

    /**
     * @param rate the maintenance margin as a fraction of notional, {@code [0, 0.999]}
     * @return this builder
     */
    public Builder maintenanceMarginRate(double rate) {
      this.maintenanceMarginRate = rate;
      this.maintenanceMarginRateSet = true;
      this.maintenanceMargin = null;
      return this;
    }

    /**
     * Sets Backpack's {@code sqrt} maintenance-margin function {@code base + factor *
     * sqrt(notional)}, the default being {@link #DEFAULT_MMF_BASE} and {@link #DEFAULT_MMF_FACTOR}.
     *
     * @param base the fraction at zero notional, {@code [0, 1)}
     * @param factor the growth with the square root of the notional, {@code >= 0}
     * @return this builder
     */
    public Builder maintenanceMarginSqrt(double base, double factor) {
      this.maintenanceMargin = MaintenanceMargin.sqrt(base, factor);
      this.maintenanceMarginDescription = sqrtDescription(base, factor);
      return this;
    }

    /**
     * @param bps the fee a liquidation costs, in basis points of the liquidated notional, on top
     *     of the taker fee ({@code [0, 10000]}, default {@link #DEFAULT_LIQUIDATION_FEE_BPS})
     * @return this builder
     */
    public Builder liquidationFeeBps(double bps) {
      this.liquidationFeeBps = bps;
      return this;
    }

    /**
     * Sets a maintenance-margin function that grows with the position, such as Backpack's
     * {@link MaintenanceMargin#sqrt}; it replaces {@link #maintenanceMarginRate}.
     *
     * @param function the fraction of notional a position must keep as equity
     * @return this builder
     */
    public Builder maintenanceMargin(MaintenanceMargin function) {
      this.maintenanceMargin = Objects.requireNonNull(function, "function");
      this.maintenanceMarginDescription = "custom function " + function;
      return this;
    }

    /**
     * Sets a constant funding rate, charged every {@code interval} (aligned to the epoch).
     *
     * @param ratePerInterval the rate per interval as a fraction; longs pay shorts when positive
     * @param interval the funding interval
     * @return this builder
     */
    public Builder funding(double ratePerInterval, Duration interval) {
      this.fundingRate = ratePerInterval;
      this.fundingInterval = interval;
      this.fundingSet = true;
      return this;
    }

    /**
     * Sets a funding-rate series that replaces the constant rate: at each time, the position
     * held then pays {@code quantity * price * rate} (longs pay when the rate is positive).
     *
     * @param timesMillis the funding times, epoch milliseconds, strictly increasing
     * @param rates the rate at each time
     * @return this builder
     * @throws IllegalArgumentException if the arrays differ in length, times do not increase or a rate is not finite
     */
    public Builder fundingSeries(long[] timesMillis, double[] rates) {
      if (timesMillis.length != rates.length) {
        throw new IllegalArgumentException("funding times and rates differ in length: %d, %d"
            .formatted(timesMillis.length, rates.length));
      }
      for (int i = 0; i < rates.length; i++) {
        if (!Double.isFinite(rates[i])) {
          throw new IllegalArgumentException("funding rate " + i + " is not finite: " + rates[i]);
        }
        if (i > 0 && timesMillis[i] <= timesMillis[i - 1]) {
          throw new IllegalArgumentException("funding times must increase at index " + i);
        }
      }
      this.fundingTimes = timesMillis.clone();
      this.fundingRates = rates.clone();
      this.fundingSet = true;
      return this;
    }

    /**
     * Sets the data signals a backtest replays (a Fear &amp; Greed history, macro regimes,
     * liquidation clusters): each reaches the strategy through {@code onSignal}, and becomes the
     * answer of {@code StrategyContext.signal(type)}, at the close of the first bar that closes at
     * or after its {@link Signal#asOf()}, never earlier. Without a feed a strategy sees no signals,
     * as live without data sources.
     *
     * @param feed the signals, in any order (sorted here by {@code asOf}, ties kept in order)
     * @return this builder
     */
    public Builder signals(List<? extends Signal> feed) {
      List<Signal> sorted = new ArrayList<>(feed.size());
      for (Signal s : feed) {
        sorted.add(Objects.requireNonNull(s, "signal"));
      }
      sorted.sort(Comparator.comparing(Signal::asOf));
      this.signals = sorted.toArray(Signal[]::new);
      return this;
    }

    /**
     * Sets the signal feeds of a backtest, replacing those set before; {@link #signals} stays
     * as set. A {@link SignalFeed.Recorded recorded} feed is replayed as {@link #signals} is;
     * a {@link SignalFeed.Computed computed} feed makes a new generator for every run (every Monte
     * Carlo path), which reads each bar at its close, after the recorded signals observed by that
     * close and before the strategy's {@code onBar} of the bar (the order {@link SignalFeed}
     * documents). A generator that returns {@code null} costs its own call and nothing else.
     *
     * @param feeds the feeds, in delivery order
     * @return this builder
     * @throws ConfigException at {@link #build()} if a feed is polled or streamed (live only)
     */
    public Builder signalFeeds(List<? extends SignalFeed> feeds) {
      List<SignalFeed> copy = new ArrayList<>(feeds.size());
      for (SignalFeed f : feeds) {
        copy.add(Objects.requireNonNull(f, "feed"));
      }
      this.feeds = copy;
      return this;
    }

    /**
     * @param quote the quote amount the default sizer answers, {@code > 0}
     * @return this builder
     */
    public Builder defaultSizerQuote(double quote) {
      this.defaultSizerQuote = quote;
      return this;
    }

    /**
     * @param periods periods per year for annualising daily metrics (365; 365.2425 for ta4j parity; 252)
     * @return this builder
     */
    public Builder periodsPerYear(double periods) {
      this.periodsPerYear = periods;
      return this;
    }

    /**
     * @param days the shortest span, in days, whose annualised figures are shown as results
     *     ({@code [0, 100000]}, default {@link Metrics#MIN_ANNUALISED_DAYS}); {@code 0} annualises
     *     every run
     * @return this builder
     */
    public Builder minAnnualisedDays(double days) {
      this.minAnnualisedDays = days;
      return this;
    }

    /**
     * @return the configuration
     * @throws ConfigException naming the setting if a value is out of range
     */
    public SimulationConfig build() {
      return new SimulationConfig(this);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimulationConfig c && capital == c.capital && makerFeeBps == c.makerFeeBps
        && takerFeeBps == c.takerFeeBps && slippageBps == c.slippageBps && fillTiming == c.fillTiming
        && intrabarPath == c.intrabarPath && limitFillsOnTouch == c.limitFillsOnTouch
        && instrument.equals(c.instrument) && leverage == c.leverage
        && maintenanceMarginRate == c.maintenanceMarginRate
        && maintenanceMarginDescription.equals(c.maintenanceMarginDescription)
        && (maintenanceMargin.equals(c.maintenanceMargin) || !maintenanceMarginDescription.startsWith("custom"))
        && liquidationFeeBps == c.liquidationFeeBps
        && fundingRate == c.fundingRate
        && fundingInterval.equals(c.fundingInterval) && Arrays.equals(fundingTimes, c.fundingTimes)
        && Arrays.equals(fundingRates, c.fundingRates) && defaultSizerQuote == c.defaultSizerQuote
        && periodsPerYear == c.periodsPerYear && Arrays.equals(replay, c.replay) && feeds.equals(c.feeds)
        && roundToInstrument == c.roundToInstrument && Objects.equals(riskGuard, c.riskGuard)
        && minAnnualisedDays == c.minAnnualisedDays;
  }

  @Override
  public int hashCode() {
    return Objects.hash(capital, makerFeeBps, takerFeeBps, slippageBps, fillTiming, intrabarPath, instrument, leverage);
  }
}
