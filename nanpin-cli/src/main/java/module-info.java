/** The {@code nanpin} command line. Runs from the shaded jar on the class path. */
module dev.nanpin.cli {
  requires dev.nanpin.core;
  requires dev.nanpin.sim;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;

  opens dev.nanpin.cli to info.picocli;
}
