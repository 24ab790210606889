package dev.nanpin.live;

import dev.nanpin.live.internal.JsonText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a multi-symbol bot: every ladder's {@link EngineStatus} and the shared account
 * they draw on. The figures come from the kernel's {@link dev.nanpin.engine.PortfolioBook} over
 * the ladders' positions and the venue's quote balance, and from the portfolio guard's definition
 * of capital in use ({@link dev.nanpin.risk.guard.SymbolExposure#capitalInUse()}).
 *
 * @param bot the bot's name
 * @param time when the snapshot was taken (engine clock)
 * @param equity the equity the venue reported for the shared account ({@code NaN} before the first report)
 * @param cash the quote balance the venue reported available ({@code NaN} before the first report)
 * @param marginInUse what the open positions tie up: spot cost plus the perps' initial margin
 *     ({@link dev.nanpin.engine.PortfolioBook#marginInUse()})
 * @param capitalInUse the sum over ladders of {@code |position| * average entry + resting}, what
 *     {@link dev.nanpin.risk.guard.PortfolioLimits#maxTotalCapitalInUse()} caps
 * @param activeLadders the ladders with a position or resting orders that add to one, what
 *     {@link dev.nanpin.risk.guard.PortfolioLimits#maxActiveLadders()} caps
 * @param ladders every ladder's snapshot, in the bot's symbol order
 */
public record PortfolioStatus(String bot, Instant time, double equity, double cash, double marginInUse,
    double capitalInUse, int activeLadders, List<EngineStatus> ladders) {

  /** Validates and copies the list. */
  public PortfolioStatus {
    Objects.requireNonNull(bot, "bot");
    Objects.requireNonNull(time, "time");
    ladders = List.copyOf(ladders);
  }

  /** @return the snapshot as one line of JSON: the portfolio's figures and a {@code ladders} array */
  public String toJson() {
    JsonText array = JsonText.array();
    for (EngineStatus s : ladders) {
      array.add(s.toJson());
    }
    return JsonText.object().put("bot", bot).put("time", time.toString()).put("equity", equity).put("cash", cash)
        .put("marginInUse", marginInUse).put("capitalInUse", capitalInUse).put("activeLadders", activeLadders)
        .raw("ladders", array.end()).end();
  }
}
