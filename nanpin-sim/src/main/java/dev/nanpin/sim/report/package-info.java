/**
 * Self-contained HTML reports with inline SVG charts.
 */
package dev.nanpin.sim.report;
