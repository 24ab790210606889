package dev.nanpin;

import java.util.Map;

/**
 * Implemented by strategies and sizers whose state must survive a restart (a ladder's levels
 * and cooldowns, a sizer's buy-count history). The live engine saves the state in its store
 * after every change it makes and restores it before the first event.
 *
 * <p>Keys and values are plain strings so that the store needs no knowledge of the plugin.
 */
public interface Stateful {
  /** @return a snapshot of the state; the engine does not modify it */
  Map<String, String> saveState();

  /**
   * Restores a snapshot produced by {@link #saveState()} of the same plugin and configuration.
   *
   * @param state the snapshot
   * @throws ConfigException if the snapshot cannot be read
   */
  void restoreState(Map<String, String> state);
}
