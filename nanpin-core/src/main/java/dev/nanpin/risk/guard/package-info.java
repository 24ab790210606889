/**
 * Pre-trade risk limits: {@link dev.nanpin.risk.guard.RiskGuard} checks every order that would
 * add to a position against a maximum order notional, position notional, leverage, capital in
 * use and a minimum distance to the liquidation price, and names the limit and the numbers when
 * it refuses.
 */
package dev.nanpin.risk.guard;
