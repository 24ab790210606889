package dev.nanpin;

import java.util.Objects;

/**
 * The order request may have reached the venue, and within the resolution deadline neither the
 * venue's answer nor a lookup of its {@code clientId} (open orders, order history, fills) said
 * whether the order exists.
 *
 * <p>This is the <em>only</em> exception after which an order may exist at the venue. Every other
 * exception of {@link Exchange#placeOrder} means the order was not placed. After this one, never
 * send the request again (not even with the same {@code clientId}: a venue that refuses a
 * duplicate clientId only while the first order is open would execute a filled market order
 * twice); keep looking the {@code clientId} up, and place nothing new on the symbol until it is
 * settled.
 */
public class OrderOutcomeUnknownException extends ExchangeException {
  private static final long serialVersionUID = 1L;
  private final transient OrderRequest request;
  private final long clientId;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param request the order request whose outcome is unknown
   * @param message what happened, naming the clientId and symbol
   * @param cause the failure that left the outcome unknown (lookup failures are suppressed in it)
   */
  public OrderOutcomeUnknownException(String venue, OrderRequest request, String message, Throwable cause) {
    super(venue, null, message, cause);
    this.request = Objects.requireNonNull(request, "request");
    this.clientId = request.clientId();
  }

  /** @return the request that may have been executed */
  public OrderRequest request() {
    return request;
  }

  /** @return the order's client id, the key to resolve it by */
  public long clientId() {
    return clientId;
  }
}
