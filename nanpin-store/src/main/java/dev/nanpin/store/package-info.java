/** Durable state of live trading over JDBC, SQLite by default. */
package dev.nanpin.store;
