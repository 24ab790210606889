/**
 * Shared HTTP plumbing for venue connectors and data sources: JSON calls on a shared OkHttp
 * client, rate-limit admission before a request is built, retries of idempotent calls with
 * backoff and jitter, and mapping of HTTP status and transport failures to the core exceptions.
 */
module dev.nanpin.http {
  requires transitive dev.nanpin.core;
  requires transitive okhttp3;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires com.github.benmanes.caffeine;

  exports dev.nanpin.http;
}
