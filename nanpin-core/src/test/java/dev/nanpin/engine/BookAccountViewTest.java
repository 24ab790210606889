package dev.nanpin.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.AccountView;
import org.junit.jupiter.api.Test;

/** The account view's rules over the kernel's book, spot, perp and with a venue's figures. */
class BookAccountViewTest {
  private double mark;
  private double reserved;

  /** A view over {@code book} whose mark and reservation are this test's fields. */
  private BookAccountView view(AccountBook book, BookAccountView.VenueAccount venue, double maker, double taker) {
    return new BookAccountView() {
      @Override
      protected AccountBook book() {
        return book;
      }

      @Override
      protected double mark() {
        return mark;
      }

      @Override
      protected double reservedQuote() {
        return reserved;
      }

      @Override
      protected VenueAccount venue() {
        return venue;
      }

      @Override
      public double makerFeeRate() {
        return maker;
      }

      @Override
      public double takerFeeRate() {
        return taker;
      }
    };
  }

  @Test
  void spotCashIsTheBookCashLessWhatRestingBuysReserve() {
    AccountBook book = new AccountBook().reset(false, 1, 10_000);
    book.applyFill(+1, 0.1, 50_000, 5_000, 5); // 5,000 notional, 5 fee
    mark = 40_000;
    reserved = OrderSizing.requiredQuote(0.05 * 45_000, 0.001, false, 1); // 2,252.25
    AccountView v = view(book, null, 0.0002, 0.001);

    assertThat(v.positionQuantity()).isEqualTo(0.1);
    assertThat(v.averageEntryPrice()).isEqualTo(50_000);
    assertThat(v.entryCount()).isEqualTo(1);
    assertThat(v.cash()).isCloseTo(4_995 - 2_252.25, within(1e-9));
    assertThat(v.freeMargin()).isCloseTo(4_995 - 2_252.25, within(1e-9));
    assertThat(v.equity()).isCloseTo(4_995 + 0.1 * 40_000, within(1e-9));
    assertThat(v.collateral()).isEqualTo(v.equity());
    assertThat(v.capitalInUse()).isCloseTo(5_000 + 2_252.25, within(1e-9));
    assertThat(v.makerFeeRate()).isEqualTo(0.0002);
    assertThat(v.takerFeeRate()).isEqualTo(0.001);
  }

  @Test
  void perpCashIsTheFreeMarginAndCapitalInUseIsTheMargin() {
    AccountBook book = new AccountBook().reset(true, 5, 1_000);
    book.applyFill(+1, 0.1, 20_000, 2_000, 2); // margin 400, wallet 998
    mark = 19_000; // unrealised -100
    reserved = OrderSizing.requiredQuote(0.05 * 18_000, 0.0002, true, 5); // 180 + 0.18
    AccountView v = view(book, null, 0.0002, 0.001);

    assertThat(v.equity()).isCloseTo(898, within(1e-9));
    assertThat(v.freeMargin()).isCloseTo(898 - 400 - 180.18, within(1e-9));
    assertThat(v.cash()).isEqualTo(v.freeMargin());
    assertThat(v.capitalInUse()).isCloseTo(400 + 180.18, within(1e-9));
    // CASH_FRACTION sizes against exactly this free amount
    assertThat(OrderSizing.free(v, true)).isEqualTo(v.freeMargin());
  }

  @Test
  void overAVenueTheMoneyIsTheVenuesAndThePositionTheBooks() {
    AccountBook book = new AccountBook().reset(true, 3, 0);
    book.restorePosition(-0.2, 30_000, 2);
    mark = 29_000;
    reserved = 123;
    BookAccountView.VenueAccount venue = new BookAccountView.VenueAccount() {
      @Override
      public double equity() {
        return 5_000;
      }

      @Override
      public double freeMargin() {
        return 3_000;
      }

      @Override
      public double collateral() {
        return 4_800;
      }

      @Override
      public double freeQuote() {
        return 777;
      }
    };
    AccountView v = view(book, venue, 0, 0);

    assertThat(v.equity()).isEqualTo(5_000);
    assertThat(v.freeMargin()).isEqualTo(3_000);
    assertThat(v.cash()).isEqualTo(3_000); // perps: the free margin, not the spot quote balance
    assertThat(v.collateral()).isEqualTo(4_800);
    assertThat(v.positionQuantity()).isEqualTo(-0.2);
    assertThat(v.entryCount()).isEqualTo(2);
    assertThat(v.capitalInUse()).isCloseTo(0.2 * 30_000 / 3 + 123, within(1e-9));

    AccountBook spot = new AccountBook();
    assertThat(view(spot, venue, 0, 0).cash()).isEqualTo(777);
  }
}
