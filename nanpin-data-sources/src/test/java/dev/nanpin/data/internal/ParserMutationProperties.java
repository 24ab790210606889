package dev.nanpin.data.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.NanpinException;
import dev.nanpin.data.Fixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Feeds every parser mutated fixtures (a field removed, a value's type swapped, numbers turned
 * into strings and back, garbage, truncation) and checks that the only thing that can escape is
 * a typed {@link NanpinException}: no NullPointerException, ClassCastException,
 * IndexOutOfBoundsException or IllegalArgumentException from a record.
 */
class ParserMutationProperties {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Case(String fixture, int status, Function<Reply, Object> parse) {}

  private static final List<Case> CASES = List.of(
      new Case("coingecko-simple-price.json", 200, r -> CoinGeckoParser.simplePrice(CoinGeckoParser.check(r), "bitcoin", "usd")),
      new Case("coingecko-market-chart.json", 200, r -> CoinGeckoParser.marketChart(CoinGeckoParser.check(r))),
      new Case("coingecko-ohlc.json", 200, r -> CoinGeckoParser.ohlc(CoinGeckoParser.check(r), 7)),
      new Case("coingecko-global.json", 200, r -> CoinGeckoParser.global(CoinGeckoParser.check(r))),
      new Case("coingecko-derivatives.json", 200, r -> CoinGeckoParser.derivatives(CoinGeckoParser.check(r), null)),
      new Case("coingecko-key.json", 200, r -> CoinGeckoParser.key(CoinGeckoParser.check(r))),
      new Case("coingecko-429.json", 429, CoinGeckoParser::check),
      new Case("coingecko-10012-time-range.json", 401, CoinGeckoParser::check),
      new Case("cmc-quotes-latest.json", 200, r -> CmcParser.quoteById(CmcParser.check(r), "1", "USD")),
      new Case("cmc-quotes-latest-v2-by-symbol.json", 200, r -> CmcParser.quoteBySymbol(CmcParser.check(r), "ETC", "USD")),
      new Case("cmc-global-metrics-quotes-latest.json", 200, r -> CmcParser.globalMetrics(CmcParser.check(r), "2781")),
      new Case("cmc-fear-and-greed-latest.json", 200, r -> CmcParser.fearGreed(CmcParser.check(r))),
      new Case("cmc-401.json", 401, CmcParser::check),
      new Case("fred-series-observations.json", 200, r -> FredParser.observations(FredParser.check(r))),
      new Case("fred-series-observations-missing-values.json", 200, r -> FredParser.observations(FredParser.check(r))),
      new Case("fred-400-api-key.json", 400, FredParser::check),
      new Case("fred-series.json", 200, r -> FredParser.seriesInfo(FredParser.check(r), "GNPCA")),
      new Case("polymarket-gamma-market.json", 200, r -> PolymarketParser.market(PolymarketParser.check(r))),
      new Case("polymarket-gamma-markets-keyset.json", 200, r -> PolymarketParser.keysetPage(PolymarketParser.check(r))),
      new Case("polymarket-gamma-events.json", 200, r -> PolymarketParser.legacyList(PolymarketParser.check(r).at(0).get("markets"))),
      new Case("polymarket-clob-market-constructed.json", 200, r -> PolymarketParser.tokens(PolymarketParser.check(r))),
      new Case("polymarket-clob-price.json", 200, r -> PolymarketParser.price(PolymarketParser.check(r), "t", Fixtures.NOW)),
      new Case("polymarket-clob-midpoint.json", 200, r -> PolymarketParser.midpoint(PolymarketParser.check(r), "t", Fixtures.NOW)),
      new Case("polymarket-clob-book.json", 200, r -> PolymarketParser.book(PolymarketParser.check(r), "t")),
      new Case("polymarket-clob-prices-history.json", 200, r -> PolymarketParser.history(PolymarketParser.check(r), "t")),
      new Case("coinglass-liquidation-aggregated-history.json", 200, r -> CoinGlassParser.liquidations(CoinGlassParser.check(r))),
      new Case("coinglass-liquidation-history.json", 200, r -> CoinGlassParser.liquidations(CoinGlassParser.check(r))),
      new Case("coinglass-funding-rate-history.json", 200, r -> CoinGlassParser.ohlc(CoinGlassParser.check(r))),
      new Case("coinglass-heatmap-consistent.json", 200,
          r -> CoinGlassParser.heatmap(CoinGlassParser.check(r), "BTC").clusters(0.01, 0.2, 5, false)),
      new Case("coinglass-upgrade-plan.json", 200, CoinGlassParser::check),
      new Case("feargreed.json", 200, r -> FearGreedParser.readings(FearGreedParser.check(r))),
      new Case("feargreed-latest.json", 200, r -> FearGreedParser.readings(FearGreedParser.check(r))));

  enum Mutation { REMOVE, NULL, NUMBER_TO_STRING, STRING_TO_NUMBER, SWAP_TYPE, GARBAGE_STRING, EXTREME_NUMBER, TRUNCATE, BYTE_NOISE }

  @Property(tries = 1000)
  void mutatedFixturesFailOnlyWithTypedErrors(@ForAll @IntRange(min = 0, max = 31) int caseIndex,
      @ForAll Mutation mutation, @ForAll long seed) throws Exception {
    Case c = CASES.get(caseIndex % CASES.size());
    String original = Fixtures.text(c.fixture());
    String mutated = mutate(original, mutation, new Random(seed));
    Reply reply = Reply.json(c.status(), mutated, Fixtures.NOW);
    try {
      c.parse().apply(reply);
    } catch (NanpinException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 32)
  void unmutatedFixturesParse(@ForAll @IntRange(min = 0, max = 31) int caseIndex) {
    Case c = CASES.get(caseIndex % CASES.size());
    Reply reply = Reply.json(c.status(), Fixtures.text(c.fixture()), Fixtures.NOW);
    boolean expectError = c.status() != 200 || c.fixture().contains("upgrade") || c.fixture().contains("by-symbol");
    if (expectError) {
      // error fixtures and the ambiguous symbol must fail, typed
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.parse().apply(reply)).isInstanceOf(NanpinException.class);
    } else {
      assertThat(c.parse().apply(reply)).isNotNull();
    }
  }

  static String mutate(String text, Mutation m, Random rnd) throws Exception {
    switch (m) {
      case TRUNCATE:
        return text.substring(0, rnd.nextInt(text.length()));
      case BYTE_NOISE: {
        StringBuilder sb = new StringBuilder(text);
        int n = 1 + rnd.nextInt(4);
        String noise = "{}[]\",:0-.eE\\ xn<";
        for (int i = 0; i < n; i++) {
          sb.setCharAt(rnd.nextInt(sb.length()), noise.charAt(rnd.nextInt(noise.length())));
        }
        return sb.toString();
      }
      default:
        break;
    }
    JsonNode root = MAPPER.readTree(text);
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return text;
    }
    Slot s = slots.get(rnd.nextInt(slots.size()));
    JsonNode current = s.get();
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (m) {
      case REMOVE -> s.remove();
      case NULL -> s.set(f.nullNode());
      case NUMBER_TO_STRING -> s.set(current.isNumber() ? f.textNode(current.asText()) : f.numberNode(rnd.nextInt(100)));
      case STRING_TO_NUMBER -> {
        if (current.isTextual()) {
          try {
            s.set(f.numberNode(new BigDecimal(current.textValue())));
          } catch (NumberFormatException e) {
            s.set(f.numberNode(rnd.nextInt(3) - 1));
          }
        } else {
          s.set(f.textNode(current.toString()));
        }
      }
      case SWAP_TYPE -> {
        JsonNode[] options = {f.booleanNode(true), f.objectNode(), f.arrayNode(), f.textNode(""), f.numberNode(0),
            f.arrayNode().add(1).add("x")};
        s.set(options[rnd.nextInt(options.length)]);
      }
      case GARBAGE_STRING -> {
        String[] garbage = {".", "NaN", "Infinity", "-1", "1e400", "0", "null", "[", "\u0000", "2024-13-45", "<html>"};
        s.set(f.textNode(garbage[rnd.nextInt(garbage.length)]));
      }
      case EXTREME_NUMBER -> {
        BigDecimal[] extremes = {new BigDecimal("1e308"), new BigDecimal("-1e308"), BigDecimal.ZERO,
            new BigDecimal("-0.0001"), new BigDecimal("9223372036854775808"), new BigDecimal("1e-300")};
        s.set(f.numberNode(extremes[rnd.nextInt(extremes.length)]));
      }
      default -> throw new IllegalStateException();
    }
    return MAPPER.writeValueAsString(s.root());
  }

  /** A position in a tree: a field of an object or an element of an array. */
  private record Slot(JsonNode root, JsonNode parent, String field, int index) {
    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode v) {
      if (field != null) {
        ((ObjectNode) parent).set(field, v);
      } else {
        ((ArrayNode) parent).set(index, v);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static void collect(JsonNode root, List<Slot> out) {
    walk(root, root, out);
  }

  private static void walk(JsonNode root, JsonNode node, List<Slot> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(new Slot(root, node, e.getKey(), -1));
        walk(root, e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Slot(root, node, null, i));
        walk(root, node.get(i), out);
      }
    }
  }
}
