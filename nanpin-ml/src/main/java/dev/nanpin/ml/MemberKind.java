package dev.nanpin.ml;

/** The members an ensemble may hold. */
public enum MemberKind {
  /** A random forest of CART trees (Tribuo, pure Java). */
  FOREST("forest"),
  /** Gradient-boosted trees (XGBoost4J, a native library shipped inside its jar). */
  BOOSTING("boosting"),
  /** A small multilayer perceptron (nanpin's own, pure Java). */
  MLP("mlp");

  private final String id;

  MemberKind(String id) {
    this.id = id;
  }

  /** @return the lower-case id used in files and options */
  public String id() {
    return id;
  }

  /**
   * @param id an id as {@link #id()} gives it
   * @return the kind
   * @throws IllegalArgumentException for an unknown id, naming the known ones
   */
  public static MemberKind of(String id) {
    for (MemberKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown ensemble member '" + id + "'; known: forest, boosting, mlp");
  }
}
