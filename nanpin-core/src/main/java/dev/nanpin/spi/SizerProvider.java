package dev.nanpin.spi;

import dev.nanpin.Sizer;

/** Creates {@link dev.nanpin.Sizer} objects. Every call returns a new one, since sizers may keep history. */
public interface SizerProvider extends PluginProvider<Sizer> {}
