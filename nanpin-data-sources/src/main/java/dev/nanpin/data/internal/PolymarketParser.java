package dev.nanpin.data.internal;

import dev.nanpin.DataException;
import dev.nanpin.NanpinException;
import dev.nanpin.NotFoundException;
import dev.nanpin.OrderBook;
import dev.nanpin.data.PredictionMarket;
import dev.nanpin.data.Probability;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads Polymarket Gamma and CLOB bodies. Gamma's {@code outcomes}, {@code outcomePrices} and
 * {@code clobTokenIds} are JSON arrays inside strings and are decoded twice.
 */
public final class PolymarketParser {
  /** The source id. */
  public static final String ID = "polymarket";

  private PolymarketParser() {}

  /**
   * One keyset page.
   *
   * @param markets the markets
   * @param nextCursor the cursor of the next page, empty on the last page
   */
  public record Page(List<PredictionMarket> markets, Optional<String> nextCursor) {}

  /**
   * Checks a reply and returns its JSON, or throws the typed error it carries.
   *
   * @param r the reply
   * @return the root
   */
  public static Json check(Reply r) {
    if (r.html()) {
      throw Errors.html(ID, r);
    }
    Json root;
    try {
      root = Json.parse(ID, r.body());
    } catch (DataException e) {
      throw Errors.unreadable(ID, r, e);
    }
    if (!r.ok()) {
      String detail = root.isObject() && root.has("error") ? root.get("error").scalarText() : null;
      throw map(r, detail);
    }
    if (root.isObject() && root.has("error") && root.fields().size() <= 2) {
      throw new DataException(ID, "$.error", "polymarket: error inside an HTTP 200 body: "
          + Errors.clip(root.get("error").scalarText()), null);
    }
    return root;
  }

  static NanpinException map(Reply r, String detail) {
    if (r.status() == 404) {
      return new NotFoundException(ID, "404", "polymarket: not found" + (detail == null ? "" : ": " + Errors.clip(detail)), null);
    }
    return Errors.byStatus(ID, r, null, detail);
  }

  /**
   * Reads one Gamma market.
   *
   * @param m the market object
   * @return the market
   */
  public static PredictionMarket market(Json m) {
    String id = m.get("id").scalarText();
    String condition = m.opt("conditionId").map(Json::text).orElse("");
    String slug = m.get("slug").text();
    String question = m.get("question").text();
    List<String> outcomes = new ArrayList<>();
    for (Json o : m.get("outcomes").embedded().elements()) {
      outcomes.add(o.text());
    }
    List<BigDecimal> prices = new ArrayList<>();
    for (Json p : m.get("outcomePrices").embedded().elements()) {
      prices.add(p.decimal());
    }
    List<String> tokens = new ArrayList<>();
    if (m.has("clobTokenIds")) {
      for (Json t : m.get("clobTokenIds").embedded().elements()) {
        tokens.add(t.scalarText());
      }
    }
    boolean active = m.opt("active").map(Json::bool).orElse(false);
    boolean closed = m.opt("closed").map(Json::bool).orElse(false);
    return Parse.guard(ID, m.path(), () -> new PredictionMarket(id, condition, slug, question, outcomes, prices, tokens, active, closed));
  }

  /**
   * Reads a {@code /markets/keyset} page.
   *
   * @param root the body
   * @return the page
   */
  public static Page keysetPage(Json root) {
    List<PredictionMarket> out = new ArrayList<>();
    for (Json m : root.get("markets").elements()) {
      out.add(market(m));
    }
    Optional<String> next = root.opt("next_cursor").map(Json::text).filter(s -> !s.isBlank());
    return new Page(out, next);
  }

  /**
   * Reads a legacy {@code /markets} list (a bare array).
   *
   * @param root the body
   * @return the markets
   */
  public static List<PredictionMarket> legacyList(Json root) {
    List<PredictionMarket> out = new ArrayList<>();
    for (Json m : root.elements()) {
      out.add(market(m));
    }
    return out;
  }

  /**
   * Reads the CLOB {@code /markets/{condition_id}} body's {@code tokens}.
   *
   * @param root the body
   * @return the outcome tokens in the CLOB's order
   */
  public static List<dev.nanpin.data.OutcomeToken> tokens(Json root) {
    List<dev.nanpin.data.OutcomeToken> out = new ArrayList<>();
    for (Json t : root.get("tokens").elements()) {
      String outcome = t.get("outcome").text();
      String token = t.get("token_id").scalarText();
      boolean winner = t.opt("winner").map(Json::bool).orElse(false);
      out.add(Parse.guard(ID, t.path(), () -> new dev.nanpin.data.OutcomeToken(outcome, token, winner)));
    }
    if (out.isEmpty()) {
      throw root.get("tokens").error("is empty");
    }
    return out;
  }

  /**
   * Reads {@code /price} ({@code {"price":"0.52"}}; numbers accepted too).
   *
   * @param root the body
   * @param tokenId the token asked
   * @param at when the reply arrived (the endpoint has no timestamp)
   * @return the price
   */
  public static Probability price(Json root, String tokenId, Instant at) {
    BigDecimal p = root.get("price").decimal();
    return Parse.guard(ID, "$.price", () -> new Probability(tokenId, p, at));
  }

  /**
   * Reads {@code /midpoint} ({@code {"mid":"0.465"}}).
   *
   * @param root the body
   * @param tokenId the token asked
   * @param at when the reply arrived
   * @return the midpoint
   */
  public static Probability midpoint(Json root, String tokenId, Instant at) {
    BigDecimal p = root.get("mid").decimal();
    return Parse.guard(ID, "$.mid", () -> new Probability(tokenId, p, at));
  }

  /**
   * Reads {@code /book}, sorting levels best first (the API does not promise an order).
   *
   * @param root the body
   * @param tokenId the token asked
   * @return the book
   */
  public static OrderBook book(Json root, String tokenId) {
    Instant t = root.get("timestamp").epochMillis();
    List<OrderBook.Level> bids = levels(root.get("bids"));
    List<OrderBook.Level> asks = levels(root.get("asks"));
    bids.sort(Comparator.comparing(OrderBook.Level::price).reversed());
    asks.sort(Comparator.comparing(OrderBook.Level::price));
    return Parse.guard(ID, root.path(), () -> new OrderBook(tokenId, bids, asks, 0L, t));
  }

  private static List<OrderBook.Level> levels(Json side) {
    List<OrderBook.Level> out = new ArrayList<>();
    for (Json l : side.elements()) {
      BigDecimal p = l.get("price").positiveDecimal();
      BigDecimal s = l.get("size").positiveDecimal();
      out.add(Parse.guard(ID, l.path(), () -> new OrderBook.Level(p, s)));
    }
    return out;
  }

  /**
   * Reads {@code /prices-history}. An empty history is an error that says why it happens.
   *
   * @param root the body
   * @param tokenId the token asked
   * @return the points, oldest first
   */
  public static List<Probability> history(Json root, String tokenId) {
    List<Probability> out = new ArrayList<>();
    for (Json h : root.get("history").elements()) {
      Instant t = h.get("t").epochSeconds();
      BigDecimal p = h.get("p").decimal();
      out.add(Parse.guard(ID, h.path(), () -> new Probability(tokenId, p, t)));
    }
    if (out.isEmpty()) {
      throw new DataException(ID, "$.history", "polymarket: empty price history for token " + tokenId
          + " (resolved markets return none at fidelity under 720 minutes)", null);
    }
    return Parse.strictlyIncreasing(ID, "$.history", out, Probability::time);
  }
}
