/**
 * Venue-neutral risk maths of averaging down: average entry, break-even, liquidation price
 * under isolated and cross margin with a size-dependent maintenance margin, and the ladder plan
 * with its funding and liquidation checks.
 */
package dev.nanpin.risk;
