/**
 * Example strategy plugins, short enough to read as the "how to write a strategy plugin" guide:
 * {@link dev.nanpin.examples.SmaCrossStrategy} ({@code sma-cross}) and {@link
 * dev.nanpin.examples.LadderBasicStrategy} ({@code ladder-basic}), the two benchmark workloads,
 * each registered by a provider in {@code META-INF/services}; and {@link
 * dev.nanpin.examples.BacktestExample}, a runnable backtest.
 */
package dev.nanpin.examples;
