package dev.nanpin.ml;

import dev.nanpin.ml.internal.Member;
import dev.nanpin.ml.internal.Members;
import dev.nanpin.ml.internal.Platt;
import dev.nanpin.ml.internal.Standardizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained ensemble: the feature list it was trained on, the scaler fitted on the training rows,
 * and its members, each with its Platt calibration. The ensemble's probability is the mean of the
 * members' calibrated probabilities.
 *
 * <p>Saved as a versioned binary file ({@link #save}, {@link #load}) that records the feature
 * list, the training window and the label definition beside the members, so that a live bot can
 * restore its model after a restart and refuse a model trained on other features.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class EnsembleModel {
  /** The file format version this class writes; {@link #load} reads this version only. */
  public static final int FORMAT_VERSION = 1;
  private static final String MAGIC = "nanpin-ml-model";

  private final List<String> features;
  private final Standardizer scaler;
  private final List<Member> members;
  private final List<Platt> calibrations;
  private final Instant trainedFrom;
  private final Instant trainedTo;
  private final int samples;
  private final String label;
  private final long seed;

  EnsembleModel(List<String> features, Standardizer scaler, List<Member> members, List<Platt> calibrations,
      Instant trainedFrom, Instant trainedTo, int samples, String label, long seed) {
    if (members.isEmpty()) {
      throw new MlException("an ensemble needs at least one member; none could be trained or loaded here");
    }
    this.features = List.copyOf(features);
    this.scaler = scaler;
    this.members = List.copyOf(members);
    this.calibrations = List.copyOf(calibrations);
    this.trainedFrom = trainedFrom;
    this.trainedTo = trainedTo;
    this.samples = samples;
    this.label = label;
    this.seed = seed;
  }

  /**
   * The ensemble's probability that the label is 1 ("up").
   *
   * @param rawRow an unscaled feature row in {@link #features()} order
   * @return the mean of the members' calibrated probabilities, in [0, 1]
   */
  public double probability(double[] rawRow) {
    checkWidth(rawRow);
    double[] scaled = scaler.apply(rawRow);
    double sum = 0;
    for (int m = 0; m < members.size(); m++) {
      sum += calibrations.get(m).apply(members.get(m).predict(scaled));
    }
    return sum / members.size();
  }

  /**
   * Each member's calibrated probability.
   *
   * @param rawRow an unscaled feature row
   * @return member kind to probability, in member order
   */
  public Map<MemberKind, Double> memberProbabilities(double[] rawRow) {
    checkWidth(rawRow);
    double[] scaled = scaler.apply(rawRow);
    Map<MemberKind, Double> out = new LinkedHashMap<>();
    for (int m = 0; m < members.size(); m++) {
      out.put(members.get(m).kind(), calibrations.get(m).apply(members.get(m).predict(scaled)));
    }
    return Collections.unmodifiableMap(out);
  }

  private void checkWidth(double[] row) {
    if (row.length != features.size()) {
      throw new IllegalArgumentException("row has " + row.length + " features, the model " + features.size());
    }
  }

  /** @return the feature names, in row order */
  public List<String> features() {
    return features;
  }

  /** @return the member kinds present (a member whose library is missing here is absent) */
  public List<MemberKind> memberKinds() {
    List<MemberKind> kinds = new ArrayList<>();
    for (Member m : members) {
      kinds.add(m.kind());
    }
    return kinds;
  }

  /** @return the open time of the first training bar */
  public Instant trainedFrom() {
    return trainedFrom;
  }

  /** @return the open time of the last training bar */
  public Instant trainedTo() {
    return trainedTo;
  }

  /** @return the number of training samples */
  public int samples() {
    return samples;
  }

  /** @return the label definition, e.g. {@code triple-barrier(h=24,up=0.02,down=0.02)} */
  public String label() {
    return label;
  }

  /** @return the seed it was trained with */
  public long seed() {
    return seed;
  }

  /**
   * Writes the model atomically (a temporary file, then a move).
   *
   * @param file the target
   * @throws MlException when writing fails
   */
  public void save(Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        write(os);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new MlException("could not write the model to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the model to a stream.
   *
   * @param os the stream, not closed
   * @throws IOException when writing fails
   */
  public void write(OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(os);
    out.writeUTF(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeUTF(label);
    out.writeLong(trainedFrom.toEpochMilli());
    out.writeLong(trainedTo.toEpochMilli());
    out.writeInt(samples);
    out.writeLong(seed);
    out.writeInt(features.size());
    for (String f : features) {
      out.writeUTF(f);
    }
    for (double v : scaler.mean()) {
      out.writeDouble(v);
    }
    for (double v : scaler.scale()) {
      out.writeDouble(v);
    }
    out.writeInt(members.size());
    for (int m = 0; m < members.size(); m++) {
      out.writeUTF(members.get(m).kind().id());
      out.writeDouble(calibrations.get(m).a());
      out.writeDouble(calibrations.get(m).b());
      byte[] payload = members.get(m).payload();
      out.writeInt(payload.length);
      out.write(payload);
    }
    out.flush();
  }

  /**
   * Reads a model file.
   *
   * @param file the file
   * @return the model
   * @throws MlException when the file is missing, corrupt, of another format version, or none of
   *     its members can run here
   */
  public static EnsembleModel load(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new MlException("model file not found: " + file, e);
    } catch (IOException e) {
      throw new MlException("could not read the model file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a model from a stream.
   *
   * @param is the stream
   * @param name a name for messages
   * @return the model
   * @throws IOException when reading fails
   */
  public static EnsembleModel read(InputStream is, String name) throws IOException {
    DataInputStream in = new DataInputStream(is);
    String magic;
    try {
      magic = in.readUTF();
    } catch (IOException e) {
      throw new MlException(name + " is not a nanpin model file", e);
    }
    if (!MAGIC.equals(magic)) {
      throw new MlException(name + " is not a nanpin model file");
    }
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new MlException(name + " is model format version " + version + "; this version of nanpin-ml reads "
          + FORMAT_VERSION + " only: train the model again");
    }
    String label = in.readUTF();
    Instant from = Instant.ofEpochMilli(in.readLong());
    Instant to = Instant.ofEpochMilli(in.readLong());
    int samples = in.readInt();
    long seed = in.readLong();
    int n = in.readInt();
    if (n < 1 || n > 10_000) {
      throw new MlException(name + " is corrupt: " + n + " features");
    }
    List<String> features = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      features.add(in.readUTF());
    }
    double[] mean = new double[n];
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = in.readDouble();
    }
    for (int i = 0; i < n; i++) {
      scale[i] = in.readDouble();
    }
    int count = in.readInt();
    if (count < 1 || count > MemberKind.values().length) {
      throw new MlException(name + " is corrupt: " + count + " members");
    }
    List<Member> members = new ArrayList<>();
    List<Platt> calibrations = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      MemberKind kind = MemberKind.of(in.readUTF());
      Platt platt = new Platt(in.readDouble(), in.readDouble());
      int len = in.readInt();
      if (len < 0 || len > 512 * 1024 * 1024) {
        throw new MlException(name + " is corrupt: member payload of " + len + " bytes");
      }
      byte[] payload = in.readNBytes(len);
      if (payload.length != len) {
        throw new MlException(name + " is truncated");
      }
      Member member = Members.load(kind, payload, n);
      if (member != null) {
        members.add(member);
        calibrations.add(platt);
      }
    }
    return new EnsembleModel(features, new Standardizer(mean, scale), members, calibrations, from, to, samples, label, seed);
  }
}
