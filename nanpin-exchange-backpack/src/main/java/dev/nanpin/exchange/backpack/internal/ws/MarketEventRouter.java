package dev.nanpin.exchange.backpack.internal.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Liquidation;
import dev.nanpin.NanpinException;
import dev.nanpin.Trade;
import dev.nanpin.exchange.backpack.internal.Adapters;
import dev.nanpin.exchange.backpack.internal.MarketEvents;
import java.math.BigDecimal;

/**
 * Routes one subscription's public market events ({@code trade}, {@code bookTicker}, {@code
 * markPrice}, {@code openInterest}, {@code liquidation}) to an {@link ExchangeListener} as typed
 * records. An event that fails to parse or is implausible goes to {@link
 * ExchangeListener#onStreamError} and is dropped; the stream continues. Runs on the
 * subscription's dispatch thread only, so its state needs no locking.
 */
public final class MarketEventRouter implements StreamHandler {
  private final String symbol;
  private final ExchangeListener listener;
  private BigDecimal lastTrade;

  /**
   * @param symbol the subscribed market (liquidations of other markets are left out)
   * @param listener the receiver
   */
  public MarketEventRouter(String symbol, ExchangeListener listener) {
    this.symbol = symbol;
    this.listener = listener;
  }

  @Override
  public void onData(String stream, JsonNode data) {
    try {
      if (stream.startsWith("trade.")) {
        Trade t = MarketEvents.trade(data);
        lastTrade = t.price();
        listener.onTrade(t);
      } else if (stream.startsWith("bookTicker.")) {
        // the last trade price when the trade stream is subscribed too, else the mid price
        listener.onTicker(Adapters.wsBookTicker(data, lastTrade));
      } else if (stream.startsWith("markPrice.")) {
        listener.onMarkPrice(MarketEvents.markPrice(data));
      } else if (stream.startsWith("openInterest.")) {
        listener.onOpenInterest(MarketEvents.openInterest(data));
      } else if (stream.equals("liquidation") || stream.startsWith("liquidation.")) {
        Liquidation l = MarketEvents.liquidation(data);
        if (l.symbol().equals(symbol)) {
          listener.onLiquidation(l);
        }
      }
    } catch (NanpinException e) {
      listener.onStreamError(e);
    }
  }

  @Override
  public void onResync() {
    listener.onReconnected();
  }

  @Override
  public void onError(Throwable error) {
    listener.onStreamError(error);
  }
}
