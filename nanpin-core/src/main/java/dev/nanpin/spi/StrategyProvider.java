package dev.nanpin.spi;

import dev.nanpin.Strategy;

/** Creates {@link dev.nanpin.Strategy} objects. A strategy is stateful: every call returns a new one. */
public interface StrategyProvider extends PluginProvider<Strategy> {}
