package dev.nanpin.exchange.backpack;

import java.math.BigDecimal;

/**
 * Account-level settings. Leverage is an account setting on Backpack, not a per-market one.
 *
 * @param leverageLimit the maximum leverage, or {@code null} when the venue does not say
 * @param spotMakerFeeBps spot maker fee in basis points, or {@code null}
 * @param spotTakerFeeBps spot taker fee in basis points, or {@code null}
 * @param futuresMakerFeeBps futures maker fee in basis points, or {@code null}
 * @param futuresTakerFeeBps futures taker fee in basis points, or {@code null}
 * @param autoLend whether idle assets are lent
 * @param autoBorrowSettlements whether settlements may borrow
 * @param autoRepayBorrows whether borrows are repaid automatically
 * @param liquidating whether the account is being liquidated
 */
public record AccountSettings(BigDecimal leverageLimit, BigDecimal spotMakerFeeBps, BigDecimal spotTakerFeeBps,
    BigDecimal futuresMakerFeeBps, BigDecimal futuresTakerFeeBps, boolean autoLend, boolean autoBorrowSettlements,
    boolean autoRepayBorrows, boolean liquidating) {}
