package dev.nanpin.spi;

import dev.nanpin.DataSource;

/** Creates {@link dev.nanpin.DataSource} clients. Keys come from the configuration or the environment. */
public interface DataSourceProvider extends PluginProvider<DataSource> {}
