/** The {@code nanpin} command line. Runs from the shaded jar on the class path. */
module dev.nanpin.cli {
  requires dev.nanpin.core;
  requires dev.nanpin.sim;
  requires dev.nanpin.signals;
  requires dev.nanpin.exchange.backpack;
  requires dev.nanpin.data;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires dev.nanpin.store;
  requires dev.nanpin.live;
  requires dev.nanpin.ml;
  requires okhttp3;
  requires jdk.unsupported;
  requires org.slf4j;

  exports dev.nanpin.cli.config;

  opens dev.nanpin.cli to info.picocli;
}
