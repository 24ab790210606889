package dev.nanpin.ml.internal;

import dev.nanpin.ml.MemberKind;
import dev.nanpin.ml.MlException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The small neural network member. */
final class MlpMember implements Member {
  private final Mlp net;

  MlpMember(Mlp net) {
    this.net = net;
  }

  @Override
  public MemberKind kind() {
    return MemberKind.MLP;
  }

  @Override
  public double predict(double[] scaledRow) {
    return net.predict(scaledRow);
  }

  @Override
  public byte[] payload() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        net.write(out);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new MlException("could not serialise the neural network", e);
    }
  }

  static MlpMember load(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      return new MlpMember(Mlp.read(in));
    } catch (IOException e) {
      throw new MlException("the neural network in the model file is corrupt: " + e.getMessage(), e);
    }
  }
}
