package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

/**
 * A key's plan and usage as the source reports it.
 *
 * @param plan the plan name
 * @param requestsPerMinute the per-minute limit of the plan
 * @param monthlyCredits the monthly credit allowance
 * @param usedThisMonth credits used this month
 * @param remainingThisMonth credits left this month
 */
public record ApiUsage(String plan, long requestsPerMinute, long monthlyCredits, long usedThisMonth,
    long remainingThisMonth) {
  /** Validates. */
  public ApiUsage {
    requireNonNull(plan, "plan");
    if (requestsPerMinute < 0 || monthlyCredits < 0 || usedThisMonth < 0 || remainingThisMonth < 0) {
      throw new IllegalArgumentException("usage figures must be >= 0");
    }
  }
}
