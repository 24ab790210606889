package dev.nanpin.live.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import dev.nanpin.testkit.FakeExchange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The paper exchange on another exchange's public market data: fills follow the upstream prices. */
class PaperMirrorTest {
  static final String BTC = "BTC_USDC";

  @Test
  void aRestingBuyFillsWhenTheUpstreamTickerTradesThroughItAndTheTickerIsForwarded() {
    Upstream up = new Upstream();
    PaperConfig cfg = new PaperConfig(up.instrument(BTC), new BigDecimal("10000"), 0.0002, 0.0005, 0, 1);
    PaperExchange paper = PaperExchange.mirror(cfg, up, null);
    List<Object> seen = new ArrayList<>();
    paper.streamAccount(new ExchangeListener() {
      @Override
      public void onFill(Fill fill) {
        seen.add(fill);
      }
    });
    paper.streamMarket(BTC, Duration.ofHours(1), new ExchangeListener() {
      @Override
      public void onTicker(Ticker ticker) {
        seen.add(ticker);
      }
    });

    // no stream event yet: the upstream ticker (100,000) is the mark, so a buy at 99,000 rests
    Order o = paper.placeOrder(OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.01"), new BigDecimal("99000"), 1));
    assertThat(o.status()).isEqualTo(OrderStatus.NEW);
    up.tick("99500");
    assertThat(paper.openOrders(BTC)).hasSize(1);
    up.tick("98900");

    assertThat(seen).hasSize(3);
    assertThat(seen.get(1)).isInstanceOfSatisfying(Fill.class, f -> {
      assertThat(f.price()).isEqualByComparingTo("99000");
      assertThat(f.maker()).isTrue();
    });
    assertThat(seen.get(2)).isInstanceOf(Ticker.class); // the account hears the fill before the market moves on
    assertThat(paper.orderByClientId(BTC, 1)).get().extracting(Order::status).isEqualTo(OrderStatus.FILLED);
    assertThat(paper.balances()).extracting(Balance::asset).containsExactly("USDC", "BTC");
    assertThat(paper.bars(BTC, Duration.ofHours(1), Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")))
        .hasSize(24); // history comes from the upstream
  }

  /** A fake venue whose market stream the test drives. */
  static final class Upstream implements Exchange {
    final FakeExchange fake = FakeExchange.withBtc();
    final List<ExchangeListener> market = new CopyOnWriteArrayList<>();

    void tick(String last) {
      Ticker t = new Ticker(BTC, new BigDecimal(last), new BigDecimal(last), new BigDecimal(last), Instant.now());
      market.forEach(l -> l.onTicker(t));
    }

    @Override
    public String id() {
      return "upstream";
    }

    @Override
    public List<Instrument> instruments() {
      return fake.instruments();
    }

    @Override
    public Instrument instrument(String symbol) {
      return fake.instrument(symbol);
    }

    @Override
    public Ticker ticker(String symbol) {
      return fake.ticker(symbol);
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
      return fake.orderBook(symbol, depth);
    }

    @Override
    public List<Bar> bars(String symbol, Duration interval, Instant from, Instant to) {
      return fake.bars(symbol, interval, from, to);
    }

    @Override
    public AccountState account() {
      throw new AssertionError("the paper exchange must not use the upstream account");
    }

    @Override
    public List<Balance> balances() {
      throw new AssertionError("the paper exchange must not use the upstream account");
    }

    @Override
    public List<Position> positions() {
      throw new AssertionError("the paper exchange must not use the upstream account");
    }

    @Override
    public Order placeOrder(OrderRequest request) {
      throw new AssertionError("the paper exchange must not trade upstream");
    }

    @Override
    public Optional<Order> orderByClientId(String symbol, long clientId) {
      throw new AssertionError("not upstream");
    }

    @Override
    public Optional<Order> orderById(String symbol, String orderId) {
      throw new AssertionError("not upstream");
    }

    @Override
    public List<Order> openOrders(String symbol) {
      throw new AssertionError("not upstream");
    }

    @Override
    public Order cancelOrder(String symbol, String orderId) {
      throw new AssertionError("not upstream");
    }

    @Override
    public List<Order> cancelAllOrders(String symbol) {
      throw new AssertionError("not upstream");
    }

    @Override
    public List<Fill> fills(String symbol, Instant since) {
      throw new AssertionError("not upstream");
    }

    @Override
    public Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener) {
      market.add(listener);
      return () -> market.remove(listener);
    }

    @Override
    public Subscription streamAccount(ExchangeListener listener) {
      throw new AssertionError("not upstream");
    }

    @Override
    public void close() {
      fake.close();
    }
  }
}
