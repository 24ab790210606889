/** Backpack Exchange connector: signed REST, WebSocket streams, the backpack Exchange plugin. */
package dev.nanpin.exchange.backpack;
