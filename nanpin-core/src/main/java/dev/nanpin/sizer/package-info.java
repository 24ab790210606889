/**
 * The built-in sizers (fixed quote, percent of equity, fractional Kelly, tiered leverage, buy-count
 * decay) and their composition in a {@link dev.nanpin.sizer.SizerChain}.
 */
package dev.nanpin.sizer;
