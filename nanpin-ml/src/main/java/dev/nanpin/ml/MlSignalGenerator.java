package dev.nanpin.ml;

import dev.nanpin.BarSeries;
import dev.nanpin.MacroRegime;
import dev.nanpin.Sentiment;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.ml.drift.Adwin;
import dev.nanpin.ml.internal.Ranges;
import dev.nanpin.ml.drift.PageHinkley;
import dev.nanpin.ml.drift.Psi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ML ensemble as a {@link SignalGenerator}: at every bar close it computes the features,
 * predicts with the current model and emits an {@link MlSignal}; every {@code retrainEvery} bars
 * (and at once after drift) it retrains on the last {@code trainWindow} bars whose labels are
 * known. The same code runs in backtests and live, so both train on the same windows at the same
 * bars.
 *
 * <p><b>No look-ahead.</b> The label of bar {@code t} needs bars up to {@code t + horizon}, so at
 * bar {@code T} the generator trains only on bars up to {@code T - horizon}, and learns a
 * prediction's error only {@code horizon} bars after making it. The reading for bar {@code T} is a
 * function of bars {@code 0..T}.
 *
 * <p><b>Drift.</b> Every {@code psiEvery} bars the PSI of each feature over the last {@code
 * psiWindow} bars against the training rows is checked for the {@linkplain
 * FeatureEngine#STATIONARY_FEATURES stationary features}, and features drift when more than {@code
 * psiShare} of them (default half) exceed {@code psiThreshold}: one feature moving out of its
 * training range is not yet a new market, and features computed over overlapping windows are so
 * autocorrelated that a few of them exceed the usual PSI thresholds by chance. ADWIN and
 * Page-Hinkley watch the absolute errors {@code |label - probability|}. On drift the reading
 * becomes stale (recommendation neutral, so a gate falls back to neutral) and a retrain is
 * scheduled once {@code psiWindow} bars after the drift have known labels, so that the new model
 * sees the new market.
 *
 * <p><b>Persistence.</b> With a model file, the model there is loaded at construction (after a
 * restart a live bot carries on with it) and every retrain writes the file back atomically.
 *
 * <p>Inference allocates a few small arrays per bar; training allocates its data set. Not
 * thread-safe: one generator per series, fed from one thread.
 */
public final class MlSignalGenerator implements SignalGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(MlSignalGenerator.class);

  private final LabelSpec label;
  private final int trainWindow;
  private final int retrainEvery;
  private final int minTrain;
  private final EnsembleTrainer trainer;
  private final Path modelFile;
  private final double psiThreshold;
  private final double psiShare;
  private final int psiWindow;
  private final int psiEvery;
  private final double adwinDelta;

  private final FeatureEngine features;
  private final int cap;
  private final double[][] rows;
  private final boolean[] ready;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final long[] time;
  private final double[] predicted;
  private final double[] scratchHigh;
  private final double[] scratchLow;
  private final double[] scratchClose;

  private long bar = -1;
  private EnsembleModel model;
  private long lastTrainBar = Long.MIN_VALUE;
  private boolean retrainDue;
  private DriftState drift = DriftState.NONE;
  private Adwin adwin;
  private PageHinkley pageHinkley;
  private double[][] psiEdges;
  private double[][] psiExpected;
  private int[] psiColumns;
  private long driftBar;

  private MlSignalGenerator(Builder b) {
    this.label = b.label;
    this.trainWindow = b.trainWindow;
    this.retrainEvery = b.retrainEvery;
    this.minTrain = b.minTrain;
    this.trainer = b.trainer != null ? b.trainer : EnsembleTrainer.builder().build();
    this.modelFile = b.modelFile;
    this.psiThreshold = b.psiThreshold;
    this.psiShare = b.psiShare;
    this.psiWindow = b.psiWindow;
    this.psiEvery = b.psiEvery;
    this.adwinDelta = b.adwinDelta;
    EnsembleModel initial = b.model;
    if (initial == null && modelFile != null && Files.isRegularFile(modelFile)) {
      initial = EnsembleModel.load(modelFile);
      LOG.info("ML signal: restored the model trained through {} from {}", initial.trainedTo(), modelFile);
    }
    this.features = initial != null ? FeatureEngine.forFeatures(initial.features()) : FeatureEngine.base();
    if (retrainEvery == 0 && initial == null) {
      throw new IllegalArgumentException("retrainEvery = 0 (a frozen model) needs a model or an existing model file");
    }
    this.cap = Math.max(trainWindow, psiWindow) + label.horizon() + 1;
    this.rows = new double[cap][features.width()];
    this.ready = new boolean[cap];
    this.high = new double[cap];
    this.low = new double[cap];
    this.close = new double[cap];
    this.time = new long[cap];
    this.predicted = new double[cap];
    Arrays.fill(predicted, Double.NaN);
    this.scratchHigh = new double[label.horizon() + 1];
    this.scratchLow = new double[label.horizon() + 1];
    this.scratchClose = new double[label.horizon() + 1];
    if (initial != null) {
      adopt(initial, null);
    }
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Signal onBar(BarSeries bars) {
    int i = bars.size() - 1;
    bar++;
    int slot = (int) (bar % cap);
    boolean isReady = features.update(bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
    features.copyTo(rows[slot]);
    ready[slot] = isReady;
    high[slot] = bars.high(i);
    low[slot] = bars.low(i);
    close[slot] = bars.close(i);
    time[slot] = bars.timeMillis(i);
    predicted[slot] = Double.NaN;

    learnError();
    checkFeatureDrift();
    maybeTrain();
    if (model == null || !isReady) {
      return null;
    }
    double p = model.probability(rows[slot]);
    predicted[slot] = p;
    boolean stale = drift != DriftState.NONE;
    Recommendation rec = stale ? Recommendation.NEUTRAL : Recommendation.of(p);
    long closeMillis = i > 0 ? 2 * bars.timeMillis(i) - bars.timeMillis(i - 1) : bars.timeMillis(i);
    return new MlSignal(Instant.ofEpochMilli(closeMillis), p, rec, drift, stale, model.trainedTo());
  }

  @Override
  public int warmUpBars() {
    return FeatureEngine.WARM_UP_BARS + minTrain + label.horizon();
  }

  /**
   * Offers a data signal (sentiment, macro regime) to the features of a model trained with signal
   * features; ignored otherwise. Call it before the {@link #onBar} of the bar it belongs to.
   *
   * @param signal the signal
   */
  public void onSignal(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    if (!features.names().contains(FeatureEngine.SIGNAL_FEATURES.get(0))) {
      return;
    }
    if (signal instanceof Sentiment sentiment) {
      features.setSignalFeature("sentiment", sentiment.value() / 100.0);
    } else if (signal instanceof MacroRegime regime) {
      features.setSignalFeature("macro_score", regime.score());
    }
  }

  private void learnError() {
    long t = bar - label.horizon();
    if (t < 0 || bar - t >= cap) {
      return;
    }
    int ts = (int) (t % cap);
    if (Double.isNaN(predicted[ts])) {
      return;
    }
    for (int k = 0; k <= label.horizon(); k++) {
      int s = (int) ((t + k) % cap);
      scratchHigh[k] = high[s];
      scratchLow[k] = low[s];
      scratchClose[k] = close[s];
    }
    int y = label.labelAt(scratchHigh, scratchLow, scratchClose, 0);
    double error = Math.abs(y - predicted[ts]);
    boolean a = adwin.add(error);
    boolean ph = pageHinkley.add(error);
    if ((a || ph) && drift == DriftState.NONE) {
      drift = DriftState.ERROR_DRIFT;
      driftBar = bar;
      retrainDue = true;
      LOG.info("ML signal: prediction errors drifted at bar {} ({}); the reading is stale until retrained",
          bar, a ? "ADWIN" : "Page-Hinkley");
    }
  }

  private void checkFeatureDrift() {
    if (psiEdges == null || drift != DriftState.NONE) {
      return;
    }
    long since = bar - lastTrainBar;
    if (since < psiWindow || since % psiEvery != 0) {
      return;
    }
    double[] values = new double[psiWindow];
    double worst = 0;
    int worstFeature = -1;
    int drifted = 0;
    for (int f = 0; f < psiEdges.length; f++) {
      for (int k = 0; k < psiWindow; k++) {
        values[k] = rows[(int) ((bar - k) % cap)][psiColumns[f]];
      }
      double psi = Psi.of(psiExpected[f], Psi.shares(values, psiEdges[f]));
      drifted += psi > psiThreshold ? 1 : 0;
      if (psi > worst) {
        worst = psi;
        worstFeature = f;
      }
    }
    if (drifted > psiShare * psiEdges.length) {
      drift = DriftState.FEATURE_DRIFT;
      driftBar = bar;
      retrainDue = true;
      LOG.info("ML signal: {} of {} features drifted at bar {} (PSI > {}; worst {} at {}); the reading is stale"
          + " until retrained", drifted, psiEdges.length, bar, psiThreshold, features.names().get(psiColumns[worstFeature]),
          String.format("%.3f", worst));
    }
  }

  private void maybeTrain() {
    boolean scheduled = model == null || retrainDue || (retrainEvery > 0 && bar - lastTrainBar >= retrainEvery);
    if (!scheduled || (retrainEvery == 0 && model != null)) {
      return;
    }
    if (drift != DriftState.NONE && bar < driftBar + psiWindow + label.horizon()) {
      return;
    }
    long last = bar - label.horizon();
    long first = Math.max(0, Math.max(last - trainWindow + 1, bar - cap + 1));
    int n = 0;
    for (long t = first; t <= last; t++) {
      if (ready[(int) (t % cap)]) {
        n++;
      }
    }
    if (n < minTrain) {
      return;
    }
    int len = (int) (bar - first + 1);
    double[] h = new double[len];
    double[] l = new double[len];
    double[] c = new double[len];
    for (int k = 0; k < len; k++) {
      int s = (int) ((first + k) % cap);
      h[k] = high[s];
      l[k] = low[s];
      c[k] = close[s];
    }
    double[][] x = new double[n][];
    int[] y = new int[n];
    int k = 0;
    long firstUsed = -1;
    for (long t = first; t <= last; t++) {
      int s = (int) (t % cap);
      if (!ready[s]) {
        continue;
      }
      if (firstUsed < 0) {
        firstUsed = t;
      }
      x[k] = rows[s].clone();
      y[k] = label.labelAt(h, l, c, (int) (t - first));
      k++;
    }
    try {
      EnsembleModel m = trainer.train(x, y, features.names(), Instant.ofEpochMilli(time[(int) (firstUsed % cap)]),
          Instant.ofEpochMilli(time[(int) (last % cap)]), label.describe());
      adopt(m, x);
      if (modelFile != null) {
        m.save(modelFile);
      }
    } catch (MlException e) {
      LOG.info("ML signal: retraining at bar {} skipped: {}", bar, e.getMessage());
      lastTrainBar = bar;
      retrainDue = false;
    }
  }

  private void adopt(EnsembleModel m, double[][] trainingRows) {
    model = m;
    lastTrainBar = bar;
    retrainDue = false;
    drift = DriftState.NONE;
    adwin = new Adwin(adwinDelta);
    pageHinkley = new PageHinkley();
    if (trainingRows == null) {
      psiEdges = null;
      psiExpected = null;
      return;
    }
    int width = FeatureEngine.STATIONARY_FEATURES.size();
    psiColumns = new int[width];
    psiEdges = new double[width][];
    psiExpected = new double[width][];
    double[] column = new double[trainingRows.length];
    for (int f = 0; f < width; f++) {
      psiColumns[f] = features.names().indexOf(FeatureEngine.STATIONARY_FEATURES.get(f));
      for (int r = 0; r < trainingRows.length; r++) {
        column[r] = trainingRows[r][psiColumns[f]];
      }
      psiEdges[f] = Psi.edges(column, 10);
      psiExpected[f] = Psi.shares(column, psiEdges[f]);
    }
  }

  /** @return the current model, or {@code null} before the first training */
  public EnsembleModel model() {
    return model;
  }

  /** Builds a generator. Not thread-safe. */
  public static final class Builder {
    private LabelSpec label = LabelSpec.tripleBarrier(24, 0.02, 0.02);
    private int trainWindow = 2000;
    private int retrainEvery = 500;
    private int minTrain = 500;
    private EnsembleTrainer trainer;
    private EnsembleModel model;
    private Path modelFile;
    private double psiThreshold = 0.25;
    private double psiShare = 0.5;
    private int psiWindow = 200;
    private int psiEvery = 50;
    private double adwinDelta = Adwin.DEFAULT_DELTA;

    private Builder() {}

    /**
     * @param spec the label the model learns (default triple barrier, 24 bars, +-2 %)
     * @return this builder
     */
    public Builder label(LabelSpec spec) {
      this.label = Objects.requireNonNull(spec, "label");
      return this;
    }

    /**
     * @param bars the training window in bars, 100..100000 (default 2000)
     * @return this builder
     */
    public Builder trainWindow(int bars) {
      this.trainWindow = Ranges.check(bars, 100, 100_000, "trainWindow");
      return this;
    }

    /**
     * @param bars retrain every this many bars, 0 for a frozen model, whose readings stay stale once drift
     *     is detected (default 500)
     * @return this builder
     */
    public Builder retrainEvery(int bars) {
      this.retrainEvery = Ranges.check(bars, 0, 1_000_000, "retrainEvery");
      return this;
    }

    /**
     * @param samples the fewest labelled samples to train on, 50..100000 (default 500)
     * @return this builder
     */
    public Builder minTrain(int samples) {
      this.minTrain = Ranges.check(samples, 50, 100_000, "minTrain");
      return this;
    }

    /**
     * @param t the trainer (default {@code EnsembleTrainer.builder().build()})
     * @return this builder
     */
    public Builder trainer(EnsembleTrainer t) {
      this.trainer = Objects.requireNonNull(t, "trainer");
      return this;
    }

    /**
     * @param m a trained model to start from
     * @return this builder
     */
    public Builder model(EnsembleModel m) {
      this.model = Objects.requireNonNull(m, "model");
      return this;
    }

    /**
     * @param file the model file: loaded at start when it exists, written after every retrain
     * @return this builder
     */
    public Builder modelFile(Path file) {
      this.modelFile = Objects.requireNonNull(file, "modelFile");
      return this;
    }

    /**
     * @param threshold the PSI above which a feature counts as drifted, {@code > 0} (default 0.25)
     * @return this builder
     */
    public Builder psiThreshold(double threshold) {
      if (!(threshold > 0)) {
        throw new IllegalArgumentException("psiThreshold must be > 0, was " + threshold);
      }
      this.psiThreshold = threshold;
      return this;
    }

    /**
     * @param share the share of features whose PSI must exceed the threshold, in [0, 1) (default 0.5)
     * @return this builder
     */
    public Builder psiShare(double share) {
      if (!(share >= 0 && share < 1)) {
        throw new IllegalArgumentException("psiShare must be in [0, 1), was " + share);
      }
      this.psiShare = share;
      return this;
    }

    /**
     * @param window bars compared with the training rows, 20..10000 (default 200)
     * @param every check every this many bars, 1..10000 (default 50)
     * @return this builder
     */
    public Builder psi(int window, int every) {
      this.psiWindow = Ranges.check(window, 20, 10_000, "psiWindow");
      this.psiEvery = Ranges.check(every, 1, 10_000, "psiEvery");
      return this;
    }

    /**
     * @param delta ADWIN's confidence parameter (default 0.002)
     * @return this builder
     */
    public Builder adwinDelta(double delta) {
      new Adwin(delta);
      this.adwinDelta = delta;
      return this;
    }

    /** @return the generator */
    public MlSignalGenerator build() {
      return new MlSignalGenerator(this);
    }

  }
}
