package dev.nanpin;

import java.util.List;

/**
 * A strategy asked for the bars of a symbol that its run does not trade ({@link
 * StrategyContext#bars(String)}). A programming or configuration error: the strategy names a
 * symbol the bot or the backtest was not given.
 */
public class UnknownSymbolException extends NanpinException {
  private static final long serialVersionUID = 1L;

  private final String symbol;
  private final List<String> symbols;

  /**
   * Creates the exception.
   *
   * @param symbol the symbol asked for, may be {@code null}
   * @param symbols the symbols of the run
   */
  public UnknownSymbolException(String symbol, List<String> symbols) {
    super("symbol %s is not one of this run's symbols %s".formatted(symbol, symbols));
    this.symbol = symbol;
    this.symbols = List.copyOf(symbols);
  }

  /** @return the symbol asked for, or {@code null} */
  public String symbol() {
    return symbol;
  }

  /** @return the symbols of the run */
  public List<String> symbols() {
    return symbols;
  }
}
