/** JMH benchmarks of the simulator; run by hand, see the module's README.md. */
package dev.nanpin.benchmarks;
