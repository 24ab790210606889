/**
 * Client-side rate limiting: admission of requests before they are timestamped and signed, at a
 * safety fraction of a venue's published limit, with cool-down after the venue says "too many".
 */
package dev.nanpin.ratelimit;
