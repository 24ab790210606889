/**
 * The live and paper trading engine: {@link dev.nanpin.live.LiveEngine} runs one strategy against
 * an exchange, with the {@link dev.nanpin.store.StateStore} as its durable memory.
 */
package dev.nanpin.live;
