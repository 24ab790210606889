package dev.nanpin.live;

import java.util.Map;

/**
 * Receives the engine's notable events: fills, errors, reconnect storms and liquidation-distance
 * warnings. The CLI sends them to a webhook; the default, {@link #NONE}, drops them.
 *
 * <p>Called on the engine's thread: an implementation must not block (hand the event to its own
 * thread) and must not throw.
 */
@FunctionalInterface
public interface Notifier {
  /** The event name of a fill. */
  String FILL = "fill";
  /** The event name of an error that stopped or troubled the engine. */
  String ERROR = "error";
  /** The event name of several stream reconnects in a short time. */
  String RECONNECT_STORM = "reconnect-storm";
  /** The event name of a position closer to liquidation than the risk limit allows. */
  String LIQUIDATION_WARNING = "liquidation-warning";

  /** Drops every event. */
  Notifier NONE = (event, fields) -> {};

  /**
   * A notifier that hands every event to each of the given ones, in order; one that throws does
   * not keep the event from the others.
   *
   * @param notifiers the notifiers
   * @return the combined notifier
   */
  static Notifier all(Notifier... notifiers) {
    Notifier[] copy = notifiers.clone();
    return (event, fields) -> {
      for (Notifier n : copy) {
        try {
          n.notify(event, fields);
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(Notifier.class).warn("notifier {} failed on {}: {}",
              n.getClass().getSimpleName(), event, e.toString());
        }
      }
    };
  }

  /**
   * Notifies an event.
   *
   * @param event one of the event names above
   * @param fields the event's values as text, in a stable order; never secrets
   */
  void notify(String event, Map<String, String> fields);
}
