-- nanpin store, schema version 1.
-- Portable SQL on purpose: no AUTOINCREMENT or IDENTITY (row ids are assigned by the store inside
-- its write transaction), no upserts, no TEXT/CLOB, booleans as SMALLINT 0/1, decimals as exact
-- plain-text VARCHAR, instants as BIGINT epoch milliseconds.

CREATE TABLE client_id_counter (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  last_value BIGINT NOT NULL
);

INSERT INTO client_id_counter (name, last_value) VALUES ('order', 0);

CREATE TABLE orders (
  client_id BIGINT NOT NULL PRIMARY KEY,
  exchange_order_id VARCHAR(128),
  symbol VARCHAR(64) NOT NULL,
  side VARCHAR(8) NOT NULL,
  order_type VARCHAR(16) NOT NULL,
  quantity VARCHAR(64),
  quote_quantity VARCHAR(64),
  limit_price VARCHAR(64),
  time_in_force VARCHAR(8) NOT NULL,
  reduce_only SMALLINT NOT NULL,
  post_only SMALLINT NOT NULL,
  tag INTEGER NOT NULL,
  status VARCHAR(24) NOT NULL,
  filled_quantity VARCHAR(64) NOT NULL,
  reason VARCHAR(1000),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE UNIQUE INDEX orders_exchange_order_id ON orders (exchange_order_id);
CREATE INDEX orders_status ON orders (status);

CREATE TABLE order_status_history (
  id BIGINT NOT NULL PRIMARY KEY,
  client_id BIGINT NOT NULL REFERENCES orders (client_id),
  status VARCHAR(24) NOT NULL,
  exchange_order_id VARCHAR(128),
  filled_quantity VARCHAR(64) NOT NULL,
  reason VARCHAR(1000),
  at_millis BIGINT NOT NULL
);

CREATE INDEX order_status_history_client ON order_status_history (client_id, id);

CREATE TABLE fills (
  seq BIGINT NOT NULL PRIMARY KEY,
  fill_id VARCHAR(128) NOT NULL,
  order_id VARCHAR(128) NOT NULL,
  client_id BIGINT NOT NULL,
  symbol VARCHAR(64) NOT NULL,
  side VARCHAR(8) NOT NULL,
  price VARCHAR(64) NOT NULL,
  quantity VARCHAR(64) NOT NULL,
  fee VARCHAR(64) NOT NULL,
  fee_asset VARCHAR(32) NOT NULL,
  maker SMALLINT NOT NULL,
  fill_time BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);

CREATE UNIQUE INDEX fills_fill_id ON fills (fill_id);
CREATE INDEX fills_time ON fills (fill_time);
CREATE INDEX fills_client ON fills (client_id);

CREATE TABLE position_snapshots (
  id BIGINT NOT NULL PRIMARY KEY,
  symbol VARCHAR(64) NOT NULL,
  quantity VARCHAR(64) NOT NULL,
  entry_price VARCHAR(64) NOT NULL,
  mark_price VARCHAR(64) NOT NULL,
  unrealized_pnl VARCHAR(64) NOT NULL,
  liquidation_price VARCHAR(64),
  snapshot_time BIGINT NOT NULL
);

CREATE INDEX position_snapshots_symbol ON position_snapshots (symbol, id);

CREATE TABLE strategy_state (
  owner VARCHAR(128) NOT NULL,
  state_key VARCHAR(256) NOT NULL,
  state_value VARCHAR(20000) NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (owner, state_key)
);

CREATE TABLE sizer_state (
  owner VARCHAR(128) NOT NULL,
  state_key VARCHAR(256) NOT NULL,
  state_value VARCHAR(20000) NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (owner, state_key)
);

CREATE TABLE equity_snapshots (
  id BIGINT NOT NULL PRIMARY KEY,
  equity VARCHAR(64) NOT NULL,
  collateral VARCHAR(64) NOT NULL,
  free_margin VARCHAR(64) NOT NULL,
  margin_in_use VARCHAR(64) NOT NULL,
  snapshot_time BIGINT NOT NULL
);

CREATE TABLE audit_log (
  id BIGINT NOT NULL PRIMARY KEY,
  at_millis BIGINT NOT NULL,
  action VARCHAR(64) NOT NULL,
  subject VARCHAR(256) NOT NULL,
  changed SMALLINT NOT NULL,
  detail VARCHAR(4000) NOT NULL
);

CREATE INDEX audit_log_time ON audit_log (at_millis);
