/**
 * The backtester: bar sources ({@link dev.nanpin.sim.CsvBars}, {@link dev.nanpin.sim.BarData},
 * {@link dev.nanpin.sim.GbmReference}), the engine ({@link dev.nanpin.sim.Backtester}) with its
 * simulated broker and account, and the reports ({@link dev.nanpin.sim.Report}, {@link
 * dev.nanpin.sim.ReportWriter}).
 */
package dev.nanpin.sim;
