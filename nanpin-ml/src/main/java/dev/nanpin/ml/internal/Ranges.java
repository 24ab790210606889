package dev.nanpin.ml.internal;

/** Range checks of builder settings, with the setting's name in the message. */
public final class Ranges {
  private Ranges() {}

  /**
   * @param v the value
   * @param min the smallest allowed
   * @param max the largest allowed
   * @param name the setting's name
   * @return {@code v}
   * @throws IllegalArgumentException when {@code v} is outside {@code [min, max]}
   */
  public static int check(int v, int min, int max, String name) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
    }
    return v;
  }
}
