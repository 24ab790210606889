package dev.nanpin.spi;

import dev.nanpin.SignalGenerator;

/**
 * Creates {@link SignalGenerator} objects. A generator is stateful: every call returns a new one.
 */
public interface SignalGeneratorProvider extends PluginProvider<SignalGenerator> {}
