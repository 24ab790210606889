package dev.nanpin.sizer;

import dev.nanpin.AccountView;

/** A fixed account view for sizer tests. */
record FakeAccount(double equity, double cash, double freeMargin, double collateral, double capitalInUse,
    double positionQuantity, double averageEntryPrice, int entryCount, double makerFeeRate, double takerFeeRate)
    implements AccountView {

  static FakeAccount of(double equity, double freeMargin, double collateral, double fee) {
    return new FakeAccount(equity, freeMargin, freeMargin, collateral, 0, 0, 0, 0, fee, fee);
  }

  static FakeAccount spot(double cash) {
    return of(cash, cash, cash, 0);
  }
}
