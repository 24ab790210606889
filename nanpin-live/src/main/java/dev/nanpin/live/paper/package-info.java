/**
 * The {@code paper} exchange: simulated fills, balances and positions on real market data, for
 * running the live engine without keys or money.
 */
package dev.nanpin.live.paper;
