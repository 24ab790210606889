package dev.nanpin;

/**
 * A read-only, column-oriented view of the bars a strategy has seen so far.
 *
 * <p>Index {@code 0} is the oldest bar loaded; the current bar is {@code size() - 1}. An index
 * at or beyond {@link #size()} throws {@link IndexOutOfBoundsException}: the future is not
 * visible, in the simulator as live. Reads allocate nothing; the simulator backs this view with
 * primitive arrays, the live engine with a growing buffer.
 *
 * <p>Not thread-safe: read it only from the strategy callback that received it.
 */
public interface BarSeries {
  /** @return the number of bars visible, the current one included */
  int size();

  /**
   * @param i the bar index, {@code 0 <= i < size()}
   * @return the bar's open time in epoch milliseconds
   */
  long timeMillis(int i);

  /**
   * @param i the bar index
   * @return the open price
   */
  double open(int i);

  /**
   * @param i the bar index
   * @return the high price
   */
  double high(int i);

  /**
   * @param i the bar index
   * @return the low price
   */
  double low(int i);

  /**
   * @param i the bar index
   * @return the close price
   */
  double close(int i);

  /**
   * @param i the bar index
   * @return the volume in base units
   */
  double volume(int i);
}
