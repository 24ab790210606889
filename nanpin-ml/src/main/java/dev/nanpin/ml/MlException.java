package dev.nanpin.ml;

import dev.nanpin.NanpinException;

/**
 * A model could not be trained, saved or loaded: too little data, a single class, no ensemble
 * member available, a corrupt or incompatible model file.
 */
public class MlException extends NanpinException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, for a person
   */
  public MlException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, for a person
   * @param cause the underlying failure
   */
  public MlException(String message, Throwable cause) {
    super(message, cause);
  }
}
