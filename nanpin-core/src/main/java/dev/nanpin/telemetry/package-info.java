/**
 * Hooks through which a running bot observes the connectors' rate limiters and circuit breakers
 * (the live module binds them to metrics), without the connectors depending on a metrics library.
 */
package dev.nanpin.telemetry;
