/**
 * The built-in nanpin (averaging-down) ladder strategy and its settings: {@link
 * dev.nanpin.strategy.NanpinStrategy}, {@link dev.nanpin.strategy.NanpinConfig}.
 */
package dev.nanpin.strategy;
