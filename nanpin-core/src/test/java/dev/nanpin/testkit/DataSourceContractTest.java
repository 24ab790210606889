package dev.nanpin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DataSource} implementation must show. A source's test extends this
 * class, supplies a source wired to a fake server (MockWebServer with recorded bodies) and the
 * queries that fake answers.
 */
public abstract class DataSourceContractTest {
  /** The source under test, made fresh for every test. */
  protected DataSource source;

  /**
   * Creates the source under test, wired to a fake server.
   *
   * @return a new source
   */
  protected abstract DataSource createSource();

  /** @return queries the fake server answers, at least one, each of a type the source supports */
  protected abstract List<DataQuery<?>> answeredQueries();

  @BeforeEach
  void createUnderTest() {
    source = createSource();
  }

  @AfterEach
  void closeUnderTest() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void idIsStableLowerCase() {
    assertThat(source.id()).isNotBlank().isEqualTo(source.id().toLowerCase(Locale.ROOT)).isEqualTo(source.id());
  }

  @Test
  void answersItsQueriesWithProvenance() {
    List<DataQuery<?>> queries = answeredQueries();
    assertThat(queries).isNotEmpty();
    for (DataQuery<?> q : queries) {
      assertThat(source.supports(q.getClass())).as("supports %s", q.kind()).isTrue();
      DataResult<?> result = source.fetch(q);
      assertThat(result.value()).as("value of %s", q.kind()).isNotNull();
      assertThat(result.source()).isEqualTo(source.id());
      assertThat(result.stale()).as("a first fetch is fresh").isFalse();
    }
  }

  @Test
  void refusesQueriesItDoesNotAnswerWithATypedError() {
    DataQuery<String> alien = new AlienQuery();
    assertThat(source.supports(AlienQuery.class)).isFalse();
    assertThatThrownBy(() -> source.fetch(alien)).isInstanceOf(DataException.class)
        .hasMessageContaining(alien.kind());
  }

  @Test
  void closeIsIdempotent() {
    source.close();
    source.close();
  }

  /** A query no source answers. */
  private static final class AlienQuery implements DataQuery<String> {
    @Override
    public String kind() {
      return "contract-kit-alien";
    }
  }
}
