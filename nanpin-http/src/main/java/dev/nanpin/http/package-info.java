/**
 * Shared HTTP plumbing: {@link dev.nanpin.http.HttpJson} runs {@link dev.nanpin.http.HttpCall}s
 * through rate limiters, an {@link dev.nanpin.http.ErrorMapper} and a {@link
 * dev.nanpin.http.RetryPolicy}.
 */
package dev.nanpin.http;
