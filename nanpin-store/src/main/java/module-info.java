/**
 * nanpin store: the durable state of live trading (orders, fills, positions, plugin state,
 * audit log, client-id counter) over JDBC, with SQLite embedded by default.
 */
module dev.nanpin.store {
  requires transitive dev.nanpin.core;
  requires java.sql;
  requires org.slf4j;
  // The SQLite driver is found by java.sql.DriverManager through ServiceLoader; requiring the
  // module puts it in the module graph.
  requires org.xerial.sqlitejdbc;

  exports dev.nanpin.store;
}
