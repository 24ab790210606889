/** Shared HTTP plumbing for connectors and data sources (OkHttp, Jackson, Caffeine). */
package dev.nanpin.http;
