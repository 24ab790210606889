/**
 * Durable state of live trading over JDBC, SQLite by default: {@link dev.nanpin.store.StateStore}
 * and the records it reads and writes.
 */
package dev.nanpin.store;
