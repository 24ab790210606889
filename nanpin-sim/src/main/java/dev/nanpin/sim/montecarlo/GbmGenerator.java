package dev.nanpin.sim.montecarlo;

import java.util.SplittableRandom;

/**
 * Geometric Brownian motion for real Monte Carlo use, optionally with fat-tailed shocks and
 * jumps.
 *
 * <p>Each path has its own random stream, seeded from {@code (seed, path)} through a 64-bit mix,
 * so paths are independent of each other and of the thread that makes them. Normals come from
 * the JDK 17 ziggurat ({@code RandomGenerator.nextGaussian()}), about ten times cheaper than the
 * {@code StrictMath} Box-Muller of {@link GbmReferenceGenerator}.
 *
 * <h2>The model, per bar of length {@code dt} years</h2>
 * <pre>
 * log(close / open) = (mu - sigma^2 / 2 - lambda * kappa) * dt + sigma * sqrt(dt) * e + J
 * e ~ {@link Shocks} (mean 0, variance 1)
 * J = sum of N jumps, N ~ Poisson(lambda * dt), each ~ Normal(jumpMean, jumpStd)
 * kappa = exp(jumpMean + jumpStd^2 / 2) - 1   (so the expected growth stays mu)
 * open = previous close; high = max(open, close) * (1 + |w| * wick); low = min(open, close) * (1 - |w| * wick), w ~ N(0, 1)
 * </pre>
 * Volume is a constant {@code 1} unless {@code volume} says otherwise.
 *
 * @param start the price at the open of bar 0, {@code > 0}
 * @param mu annual drift (expected log growth plus {@code sigma^2 / 2})
 * @param sigma annual volatility, {@code >= 0}
 * @param barMillis the bar length in milliseconds, {@code > 0}
 * @param wick the wick scale (fraction of price per unit normal), {@code >= 0}
 * @param shocks the shock distribution
 * @param jumpsPerYear the jump intensity lambda, {@code >= 0} ({@code 0} for no jumps)
 * @param jumpMean the mean log size of a jump
 * @param jumpStd the standard deviation of a jump's log size, {@code >= 0}
 * @param volume the volume of every bar, {@code >= 0}
 * @param startMillis the open time of bar 0
 * @param seed the run's seed
 */
public record GbmGenerator(double start, double mu, double sigma, long barMillis, double wick, Shocks shocks,
    double jumpsPerYear, double jumpMean, double jumpStd, double volume, long startMillis, long seed)
    implements PathGenerator {

  /** Milliseconds in a year of 365.25 days, to turn bar lengths into years. */
  public static final double MILLIS_PER_YEAR = 365.25 * 86_400_000.0;

  /** Validates. */
  public GbmGenerator {
    if (!(start > 0) || Double.isInfinite(start)) {
      throw new IllegalArgumentException("start must be > 0: " + start);
    }
    if (!Double.isFinite(mu)) {
      throw new IllegalArgumentException("mu must be finite: " + mu);
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be >= 0: " + sigma);
    }
    if (barMillis <= 0) {
      throw new IllegalArgumentException("barMillis must be > 0: " + barMillis);
    }
    if (!(wick >= 0) || wick >= 0.5) {
      throw new IllegalArgumentException("wick must be in [0, 0.5): " + wick);
    }
    if (shocks == null) {
      throw new IllegalArgumentException("shocks must not be null");
    }
    if (!(jumpsPerYear >= 0) || Double.isInfinite(jumpsPerYear) || !Double.isFinite(jumpMean)
        || !(jumpStd >= 0) || Double.isInfinite(jumpStd)) {
      throw new IllegalArgumentException("jump parameters must be finite with intensity and std >= 0");
    }
    if (!(volume >= 0) || Double.isInfinite(volume)) {
      throw new IllegalArgumentException("volume must be >= 0: " + volume);
    }
  }

  /**
   * BTC-like hourly paths: start 30,000, mu 0.3, sigma 0.7 (the benchmark recipe's parameters),
   * wick 0.002, normal shocks, no jumps.
   *
   * @param seed the seed
   * @return the generator
   */
  public static GbmGenerator btcLikeHourly(long seed) {
    return new GbmGenerator(30_000, 0.3, 0.7, 3_600_000L, 0.002, Shocks.normal(), 0, 0, 0, 1.0,
        GbmReferenceGenerator.START_MILLIS, seed);
  }

  /**
   * @param perYear jump intensity
   * @param mean mean log jump size (e.g. {@code -0.08})
   * @param std standard deviation of the log jump size
   * @return a copy with jumps
   */
  public GbmGenerator withJumps(double perYear, double mean, double std) {
    return new GbmGenerator(start, mu, sigma, barMillis, wick, shocks, perYear, mean, std, volume, startMillis, seed);
  }

  /**
   * @param newSeed the seed
   * @return a copy with another seed
   */
  public GbmGenerator withSeed(long newSeed) {
    return new GbmGenerator(start, mu, sigma, barMillis, wick, shocks, jumpsPerYear, jumpMean, jumpStd, volume,
        startMillis, newSeed);
  }

  @Override
  public String id() {
    return "gbm";
  }

  /**
   * The seed of one path's stream: a mix of the run seed and the path index, so that neighbouring
   * paths and neighbouring seeds give unrelated streams.
   *
   * @param seed the run seed
   * @param path the path index
   * @return the path's seed
   */
  public static long pathSeed(long seed, long path) {
    return GbmReferenceGenerator.mix64(seed + GbmReferenceGenerator.mix64(path + 0x632be59bd9b4e019L));
  }

  @Override
  public void generate(long path, int bars, PathBuffer out) {
    if (path < 0) {
      throw new IllegalArgumentException("path must be >= 0: " + path);
    }
    out.resize(bars);
    SplittableRandom rng = new SplittableRandom(pathSeed(seed, path));
    double dt = barMillis / MILLIS_PER_YEAR;
    double lambdaDt = jumpsPerYear * dt;
    double kappa = jumpsPerYear > 0 ? Math.exp(jumpMean + 0.5 * jumpStd * jumpStd) - 1.0 : 0.0;
    double drift = (mu - 0.5 * sigma * sigma - jumpsPerYear * kappa) * dt;
    double volStep = sigma * Math.sqrt(dt);
    double expMinusLambdaDt = Math.exp(-lambdaDt);
    double prev = start;
    for (int i = 0; i < bars; i++) {
      double x = drift + volStep * shocks.next(rng);
      if (lambdaDt > 0) {
        // Poisson count by inversion (lambda * dt is small, so this loop runs once or twice)
        int n = 0;
        double p = rng.nextDouble();
        while (p > expMinusLambdaDt) {
          n++;
          p *= rng.nextDouble();
        }
        for (int k = 0; k < n; k++) {
          x += jumpMean + jumpStd * rng.nextGaussian();
        }
      }
      double w = Math.abs(rng.nextGaussian()) * wick;
      double o = prev;
      double c = prev * Math.exp(x);
      out.time[i] = startMillis + i * barMillis;
      out.open[i] = o;
      out.high[i] = Math.max(o, c) * (1.0 + w);
      out.low[i] = Math.min(o, c) * (1.0 - w);
      out.close[i] = c;
      out.volume[i] = volume;
      prev = c;
    }
  }

  /**
   * Fits drift, volatility and wick to a price history and starts the paths at its last close.
   * The bar length is the median step between the history's open times.
   *
   * <p>{@code sigma} is the sample standard deviation of the log returns scaled by {@code
   * sqrt(bars per year)}; {@code mu} the mean log return per year plus {@code sigma^2 / 2}; the
   * wick the mean relative wick divided by {@code E|N(0,1)| = sqrt(2 / pi)}.
   *
   * @param time open times, epoch milliseconds, strictly increasing
   * @param open opens
   * @param high highs
   * @param low lows
   * @param close closes
   * @param n how many bars to use, {@code >= 3}
   * @param seed the seed of the fitted generator
   * @return a normal-shock generator with the fitted parameters
   */
  public static GbmGenerator fit(long[] time, double[] open, double[] high, double[] low, double[] close, int n,
      long seed) {
    if (n < 3) {
      throw new IllegalArgumentException("need at least 3 bars to fit, got " + n);
    }
    long[] steps = new long[n - 1];
    for (int i = 1; i < n; i++) {
      steps[i - 1] = time[i] - time[i - 1];
    }
    java.util.Arrays.sort(steps);
    long barMillis = steps[steps.length / 2];
    double sum = 0;
    double sumSq = 0;
    for (int i = 1; i < n; i++) {
      double r = Math.log(close[i] / close[i - 1]);
      sum += r;
      sumSq += r * r;
    }
    int m = n - 1;
    double mean = sum / m;
    double var = (sumSq - m * mean * mean) / (m - 1);
    double barsPerYear = MILLIS_PER_YEAR / barMillis;
    double sigma = Math.sqrt(Math.max(var, 0) * barsPerYear);
    double mu = mean * barsPerYear + 0.5 * sigma * sigma;
    double wickSum = 0;
    for (int i = 0; i < n; i++) {
      wickSum += high[i] / Math.max(open[i], close[i]) - 1.0;
      wickSum += 1.0 - low[i] / Math.min(open[i], close[i]);
    }
    double wick = Math.min(0.49, (wickSum / (2.0 * n)) / Math.sqrt(2.0 / Math.PI));
    return new GbmGenerator(close[n - 1], mu, sigma, barMillis, wick, Shocks.normal(), 0, 0, 0, 1.0,
        time[n - 1] + barMillis, seed);
  }
}
