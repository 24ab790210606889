package dev.nanpin.ml.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A small multilayer perceptron for binary classification: dense hidden layers with ReLU, a
 * sigmoid output, binary cross-entropy, mini-batch Adam and early stopping on a chronological
 * validation slice (the last part of the training rows). No maintained, Apache-licensed, pure-Java
 * library offers this without native engines that download at run time, so it is written here;
 * it is small (a few hundred weights) and fully deterministic for a seed.
 *
 * <p>Training is single-threaded; a trained network is immutable and safe to share.
 */
public final class Mlp {
  private final int[] sizes;
  private final double[][][] w; // w[layer][out][in]
  private final double[][] b; // b[layer][out]

  private Mlp(int[] sizes, double[][][] w, double[][] b) {
    this.sizes = sizes;
    this.w = w;
    this.b = b;
  }

  /** Training settings. */
  public record Settings(int[] hidden, int maxEpochs, int batch, double learningRate, double l2,
      int patience, double validationShare) {
    /** Validates the settings. */
    public Settings {
      hidden = hidden.clone();
      for (int h : hidden) {
        if (h < 1) {
          throw new IllegalArgumentException("hidden layer sizes must be >= 1");
        }
      }
      if (maxEpochs < 1 || batch < 1 || !(learningRate > 0) || !(l2 >= 0) || patience < 1
          || !(validationShare > 0 && validationShare < 0.5)) {
        throw new IllegalArgumentException("bad MLP settings");
      }
    }

    /** @return the default: one hidden layer of 16, 60 epochs, batches of 32, Adam at 0.003 */
    public static Settings defaults() {
      return new Settings(new int[] {16}, 60, 32, 0.003, 1e-4, 8, 0.15);
    }
  }

  /**
   * Trains a network.
   *
   * @param x scaled rows
   * @param y labels 0 or 1
   * @param s settings
   * @param seed the seed of the initial weights and the batch order
   * @return the network with the lowest validation loss seen
   */
  public static Mlp train(double[][] x, int[] y, Settings s, long seed) {
    int d = x[0].length;
    int[] sizes = new int[s.hidden().length + 2];
    sizes[0] = d;
    System.arraycopy(s.hidden(), 0, sizes, 1, s.hidden().length);
    sizes[sizes.length - 1] = 1;
    SplittableRandom rnd = new SplittableRandom(seed);
    int layers = sizes.length - 1;
    double[][][] w = new double[layers][][];
    double[][] b = new double[layers][];
    for (int l = 0; l < layers; l++) {
      w[l] = new double[sizes[l + 1]][sizes[l]];
      b[l] = new double[sizes[l + 1]];
      double sd = Math.sqrt(2.0 / sizes[l]);
      for (double[] row : w[l]) {
        for (int i = 0; i < row.length; i++) {
          row[i] = gaussian(rnd) * sd;
        }
      }
    }
    Mlp net = new Mlp(sizes, w, b);
    int nVal = Math.max(1, (int) Math.round(x.length * s.validationShare()));
    int nTrain = x.length - nVal;
    if (nTrain < 2) {
      return net;
    }
    Adam adam = new Adam(net);
    Mlp best = net.copy();
    double bestLoss = net.loss(x, y, nTrain, x.length);
    int sinceBest = 0;
    int[] order = new int[nTrain];
    for (int i = 0; i < nTrain; i++) {
      order[i] = i;
    }
    Grad g = new Grad(net);
    for (int epoch = 0; epoch < s.maxEpochs(); epoch++) {
      for (int i = nTrain - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int from = 0; from < nTrain; from += s.batch()) {
        int to = Math.min(nTrain, from + s.batch());
        g.clear();
        for (int k = from; k < to; k++) {
          net.backprop(x[order[k]], y[order[k]], g);
        }
        adam.step(net, g, to - from, s.learningRate(), s.l2());
      }
      double val = net.loss(x, y, nTrain, x.length);
      if (val < bestLoss - 1e-9) {
        bestLoss = val;
        best = net.copy();
        sinceBest = 0;
      } else if (++sinceBest >= s.patience()) {
        break;
      }
    }
    return best;
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * @param row a scaled row
   * @return the probability of class 1
   */
  public double predict(double[] row) {
    double[] a = row;
    for (int l = 0; l < w.length; l++) {
      double[] z = new double[sizes[l + 1]];
      for (int o = 0; o < z.length; o++) {
        double sum = b[l][o];
        double[] wo = w[l][o];
        for (int i = 0; i < wo.length; i++) {
          sum += wo[i] * a[i];
        }
        z[o] = l == w.length - 1 ? sum : Math.max(0, sum);
      }
      a = z;
    }
    return sigmoid(a[0]);
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private double loss(double[][] x, int[] y, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      double p = Math.min(1 - 1e-12, Math.max(1e-12, predict(x[i])));
      sum -= y[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return sum / (to - from);
  }

  private void backprop(double[] row, int label, Grad g) {
    int layers = w.length;
    double[][] acts = new double[layers + 1][];
    acts[0] = row;
    for (int l = 0; l < layers; l++) {
      double[] z = new double[sizes[l + 1]];
      for (int o = 0; o < z.length; o++) {
        double sum = b[l][o];
        double[] wo = w[l][o];
        for (int i = 0; i < wo.length; i++) {
          sum += wo[i] * acts[l][i];
        }
        z[o] = l == layers - 1 ? sum : Math.max(0, sum);
      }
      acts[l + 1] = z;
    }
    double[] delta = {sigmoid(acts[layers][0]) - label};
    for (int l = layers - 1; l >= 0; l--) {
      double[] prev = acts[l];
      double[] back = new double[sizes[l]];
      for (int o = 0; o < delta.length; o++) {
        g.b[l][o] += delta[o];
        double[] go = g.w[l][o];
        double[] wo = w[l][o];
        for (int i = 0; i < prev.length; i++) {
          go[i] += delta[o] * prev[i];
          back[i] += delta[o] * wo[i];
        }
      }
      if (l > 0) {
        for (int i = 0; i < back.length; i++) {
          back[i] = prev[i] > 0 ? back[i] : 0;
        }
      }
      delta = back;
    }
  }

  private Mlp copy() {
    double[][][] cw = new double[w.length][][];
    double[][] cb = new double[b.length][];
    for (int l = 0; l < w.length; l++) {
      cw[l] = new double[w[l].length][];
      for (int o = 0; o < w[l].length; o++) {
        cw[l][o] = w[l][o].clone();
      }
      cb[l] = b[l].clone();
    }
    return new Mlp(sizes.clone(), cw, cb);
  }

  /**
   * Writes the network.
   *
   * @param out the stream
   * @throws IOException when writing fails
   */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(sizes.length);
    for (int s : sizes) {
      out.writeInt(s);
    }
    for (int l = 0; l < w.length; l++) {
      for (double[] row : w[l]) {
        for (double v : row) {
          out.writeDouble(v);
        }
      }
      for (double v : b[l]) {
        out.writeDouble(v);
      }
    }
  }

  /**
   * Reads a network written by {@link #write}.
   *
   * @param in the stream
   * @return the network
   * @throws IOException when reading fails
   */
  public static Mlp read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 2 || n > 16) {
      throw new IOException("corrupt network: " + n + " layers");
    }
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) {
      sizes[i] = in.readInt();
      if (sizes[i] < 1 || sizes[i] > 100_000) {
        throw new IOException("corrupt network: layer size " + sizes[i]);
      }
    }
    double[][][] w = new double[n - 1][][];
    double[][] b = new double[n - 1][];
    for (int l = 0; l < n - 1; l++) {
      w[l] = new double[sizes[l + 1]][sizes[l]];
      for (double[] row : w[l]) {
        for (int i = 0; i < row.length; i++) {
          row[i] = in.readDouble();
        }
      }
      b[l] = new double[sizes[l + 1]];
      for (int o = 0; o < b[l].length; o++) {
        b[l][o] = in.readDouble();
      }
    }
    return new Mlp(sizes, w, b);
  }

  /** Gradient accumulators shaped like the network. */
  private static final class Grad {
    final double[][][] w;
    final double[][] b;

    Grad(Mlp net) {
      w = new double[net.w.length][][];
      b = new double[net.b.length][];
      for (int l = 0; l < net.w.length; l++) {
        w[l] = new double[net.w[l].length][net.w[l][0].length];
        b[l] = new double[net.b[l].length];
      }
    }

    void clear() {
      for (int l = 0; l < w.length; l++) {
        for (double[] row : w[l]) {
          java.util.Arrays.fill(row, 0);
        }
        java.util.Arrays.fill(b[l], 0);
      }
    }
  }

  /** Adam's moment estimates. */
  private static final class Adam {
    final Grad m;
    final Grad v;
    int t;

    Adam(Mlp net) {
      m = new Grad(net);
      v = new Grad(net);
    }

    void step(Mlp net, Grad g, int n, double lr, double l2) {
      t++;
      double c1 = 1 - Math.pow(0.9, t);
      double c2 = 1 - Math.pow(0.999, t);
      for (int l = 0; l < net.w.length; l++) {
        for (int o = 0; o < net.w[l].length; o++) {
          for (int i = 0; i < net.w[l][o].length; i++) {
            double grad = g.w[l][o][i] / n + l2 * net.w[l][o][i];
            m.w[l][o][i] = 0.9 * m.w[l][o][i] + 0.1 * grad;
            v.w[l][o][i] = 0.999 * v.w[l][o][i] + 0.001 * grad * grad;
            net.w[l][o][i] -= lr * (m.w[l][o][i] / c1) / (Math.sqrt(v.w[l][o][i] / c2) + 1e-8);
          }
          double grad = g.b[l][o] / n;
          m.b[l][o] = 0.9 * m.b[l][o] + 0.1 * grad;
          v.b[l][o] = 0.999 * v.b[l][o] + 0.001 * grad * grad;
          net.b[l][o] -= lr * (m.b[l][o] / c1) / (Math.sqrt(v.b[l][o] / c2) + 1e-8);
        }
      }
    }
  }
}
