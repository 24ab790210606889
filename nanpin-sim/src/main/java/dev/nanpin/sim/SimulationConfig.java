package dev.nanpin.sim;

import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Signal;
import dev.nanpin.metrics.Metrics;
import dev.nanpin.risk.MaintenanceMargin;
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
 * leverage 1; maintenance margin 0.5 %; no funding; the default sizer answers 100 quote;
 * 365 periods per year for the metrics.
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
  private final double fundingRate;
  private final Duration fundingInterval;
  private final long[] fundingTimes;
  private final double[] fundingRates;
  private final double defaultSizerQuote;
  private final double periodsPerYear;
  private final Signal[] signals;
  private final long[] signalMillis;

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
    this.maintenanceMargin = b.maintenanceMargin != null ? b.maintenanceMargin
        : MaintenanceMargin.constant(maintenanceMarginRate);
    this.fundingRate = check("fundingRate", b.fundingRate, -1.0, 1.0);
    this.fundingInterval = Objects.requireNonNull(b.fundingInterval, "fundingInterval");
    if (fundingInterval.isNegative() || fundingInterval.isZero()) {
      throw new ConfigException("fundingInterval", "fundingInterval must be positive: " + fundingInterval);
    }
    this.fundingTimes = b.fundingTimes;
    this.fundingRates = b.fundingRates;
    this.defaultSizerQuote = check("defaultSizerQuote", b.defaultSizerQuote, Double.MIN_VALUE, Double.MAX_VALUE);
    this.periodsPerYear = check("periodsPerYear", b.periodsPerYear, 1.0, 1_000_000.0);
    this.signals = b.signals;
    this.signalMillis = new long[signals.length];
    for (int k = 0; k < signals.length; k++) {
      signalMillis[k] = signals[k].asOf().toEpochMilli();
    }
    if (instrument.kind() == InstrumentKind.SPOT && leverage != 1.0) {
      throw new ConfigException("leverage", "leverage %s needs a perpetual instrument; %s is spot"
          .formatted(leverage, instrument.symbol()));
    }
  }

  private static double check(String name, double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      throw new ConfigException(name, "%s = %s is out of range [%s, %s]".formatted(name, v, min, max));
    }
    return v;
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
    b.fundingRate = fundingRate;
    b.fundingInterval = fundingInterval;
    b.fundingTimes = fundingTimes;
    b.fundingRates = fundingRates;
    b.defaultSizerQuote = defaultSizerQuote;
    b.periodsPerYear = periodsPerYear;
    b.signals = signals;
    return b;
  }

  /**
   * @return the signal feed in time order ({@link Signal#asOf()}), empty when none was set
   */
  public List<Signal> signals() {
    return List.of(signals);
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

  long[] fundingTimesRaw() {
    return fundingTimes;
  }

  double[] fundingRatesRaw() {
    return fundingRates;
  }

  @Override
  public String toString() {
    return "SimulationConfig[capital=%s, makerFeeBps=%s, takerFeeBps=%s, slippageBps=%s, fill=%s, path=%s, touch=%s, %s, leverage=%s]"
        .formatted(capital, makerFeeBps, takerFeeBps, slippageBps, fillTiming, intrabarPath, limitFillsOnTouch,
            instrument.symbol(), leverage);
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
    private MaintenanceMargin maintenanceMargin;
    private double fundingRate;
    private Duration fundingInterval = Duration.ofHours(8);
    private long[] fundingTimes;
    private Signal[] signals = new Signal[0];
    private double[] fundingRates;
    private double defaultSizerQuote = 100.0;
    private double periodsPerYear = Metrics.DAYS_PER_YEAR;

    private Builder() {}

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
      this.maintenanceMargin = null;
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
        && maintenanceMarginRate == c.maintenanceMarginRate && maintenanceMargin.equals(c.maintenanceMargin)
        && fundingRate == c.fundingRate
        && fundingInterval.equals(c.fundingInterval) && Arrays.equals(fundingTimes, c.fundingTimes)
        && Arrays.equals(fundingRates, c.fundingRates) && defaultSizerQuote == c.defaultSizerQuote
        && periodsPerYear == c.periodsPerYear && Arrays.equals(signals, c.signals);
  }

  @Override
  public int hashCode() {
    return Objects.hash(capital, makerFeeBps, takerFeeBps, slippageBps, fillTiming, intrabarPath, instrument, leverage);
  }
}
