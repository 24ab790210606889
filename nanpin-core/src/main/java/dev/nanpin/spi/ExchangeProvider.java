package dev.nanpin.spi;

import dev.nanpin.Exchange;

/** Creates {@link dev.nanpin.Exchange} connectors. Keys come from the configuration or the environment. */
public interface ExchangeProvider extends PluginProvider<Exchange> {}
