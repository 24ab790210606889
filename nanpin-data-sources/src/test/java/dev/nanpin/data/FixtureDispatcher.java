package dev.nanpin.data;

import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Answers MockWebServer requests by path with fixtures, 404 for anything else. */
public final class FixtureDispatcher extends Dispatcher {
  private final Map<String, MockResponse> byPath = new LinkedHashMap<>();

  /**
   * @param path the encoded path, e.g. {@code /api/v3/simple/price}
   * @param fixture the fixture served with HTTP 200
   * @return this
   */
  public FixtureDispatcher on(String path, String fixture) {
    return on(path, 200, fixture);
  }

  /**
   * @param path the encoded path
   * @param status the status
   * @param fixture the fixture
   * @return this
   */
  public FixtureDispatcher on(String path, int status, String fixture) {
    byPath.put(path, new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body(Fixtures.text(fixture)).build());
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse r = byPath.get(request.getUrl().encodedPath());
    return r != null ? r : new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .body("{\"error\":\"not found\"}").build();
  }
}
