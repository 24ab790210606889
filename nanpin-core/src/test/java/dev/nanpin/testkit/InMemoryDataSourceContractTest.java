package dev.nanpin.testkit;

import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.PricePoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Runs the data-source kit against a tiny in-memory source, which proves the kit itself. */
class InMemoryDataSourceContractTest extends DataSourceContractTest {
  @Override
  protected DataSource createSource() {
    return new DataSource() {
      @Override
      public String id() {
        return "memory";
      }

      @Override
      public boolean supports(Class<?> queryType) {
        return queryType == DataQuery.Price.class;
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> DataResult<T> fetch(DataQuery<T> query) {
        if (query instanceof DataQuery.Price p) {
          Instant now = Instant.parse("2025-01-01T00:00:00Z");
          return (DataResult<T>) DataResult.fresh(new PricePoint(p.asset(), p.vsCurrency(), BigDecimal.TEN, now), id(), now);
        }
        throw new DataException(id(), null, "memory does not answer '" + query.kind() + "'; it answers: price", null);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  protected List<DataQuery<?>> answeredQueries() {
    return List.of(new DataQuery.Price("bitcoin", "usd"));
  }
}
