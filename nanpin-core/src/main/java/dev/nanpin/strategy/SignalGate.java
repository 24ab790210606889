package dev.nanpin.strategy;

import dev.nanpin.ConfigException;
import dev.nanpin.SignalView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A condition over the latest signals, in the spirit of ta4j's {@code Rule}s: comparisons of
 * signal fields combined with {@code and}, {@code or}, {@code not} and parentheses. The {@code
 * nanpin} strategy reads one from its {@code entryGate} setting; any signal that implements
 * {@link SignalView} can be used without changing the strategy.
 *
 * <h2>Syntax</h2>
 * <pre>
 * gate       := or
 * or         := and ('or' and)*
 * and        := unary ('and' unary)*
 * unary      := 'not' unary | '(' or ')' | comparison
 * comparison := ref op value | ref 'in' '(' value (',' value)* ')'
 * ref        := source '.' field            e.g. wyckoff.phase, orderflow.divergence
 * op         := '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * value      := number | word               a word compares with text fields, ignoring case
 * </pre>
 * Keywords are case-insensitive. Examples:
 * <pre>
 * wyckoff.bias == accumulation and wyckoff.phase in (B, C, D) or wyckoff.springBar &gt;= 0
 * not orderflow.divergence == bearish
 * volume-profile.valueAreaShare &gt;= 0.7 and orderflow.estCvdBvc &gt; 0
 * </pre>
 *
 * <h2>Meaning</h2>
 * A comparison is false when its signal has not arrived (or is stale, as the caller decides) or
 * its field has no value ({@code NaN} or {@code null}); so {@code not x == y} holds when {@code x}
 * is absent. A number is compared with {@link SignalView#number}, a word with {@link
 * SignalView#text}; a word may only be compared with {@code ==}, {@code !=} or {@code in}.
 *
 * <p>Immutable and thread-safe; {@link #test} allocates nothing.
 */
public final class SignalGate {
  /** Finds the latest signal of a source. */
  @FunctionalInterface
  public interface Signals {
    /**
     * @param source a generator id such as {@code wyckoff}
     * @return its latest signal, or {@code null} when none has arrived or it is too old
     */
    SignalView latest(String source);
  }

  /** The gate that is always open (the empty expression). */
  public static final SignalGate ALWAYS = new SignalGate("", null);

  private final String text;
  private final Node root;

  private SignalGate(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /**
   * Parses a gate.
   *
   * @param text the expression; blank means always open
   * @return the gate
   * @throws ConfigException naming {@code entryGate} and the position of a syntax error
   */
  public static SignalGate parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      return ALWAYS;
    }
    Parser p = new Parser(text);
    Node root = p.or();
    p.expectEnd();
    return new SignalGate(text.trim(), root);
  }

  /**
   * Evaluates the gate.
   *
   * @param signals the latest signals
   * @return whether the gate is open
   */
  public boolean test(Signals signals) {
    return root == null || root.test(signals);
  }

  /** @return the sources the gate reads, in order of first use */
  public List<String> sources() {
    List<String> out = new ArrayList<>();
    if (root != null) {
      root.sources(out);
    }
    return out;
  }

  /** @return the expression as written (trimmed) */
  @Override
  public String toString() {
    return text;
  }

  // ---- the tree ------------------------------------------------------------------------------

  private interface Node {
    boolean test(Signals s);

    void sources(List<String> out);
  }

  private record And(Node a, Node b) implements Node {
    public boolean test(Signals s) {
      return a.test(s) && b.test(s);
    }

    public void sources(List<String> out) {
      a.sources(out);
      b.sources(out);
    }
  }

  private record Or(Node a, Node b) implements Node {
    public boolean test(Signals s) {
      return a.test(s) || b.test(s);
    }

    public void sources(List<String> out) {
      a.sources(out);
      b.sources(out);
    }
  }

  private record Not(Node a) implements Node {
    public boolean test(Signals s) {
      return !a.test(s);
    }

    public void sources(List<String> out) {
      a.sources(out);
    }
  }

  private enum Op { EQ, NE, LT, LE, GT, GE, IN }

  /** One comparison; {@code words[i]} is set where the value is a word, else {@code numbers[i]}. */
  private record Compare(String source, String field, Op op, double[] numbers, String[] words) implements Node {
    public boolean test(Signals s) {
      SignalView v = s.latest(source);
      if (v == null) {
        return false;
      }
      if (words[0] != null) {
        String t = v.text(field);
        if (t == null) {
          return false;
        }
        boolean any = false;
        for (String w : words) {
          any |= w.equalsIgnoreCase(t);
        }
        return op == Op.NE ? !any : any;
      }
      double x = v.number(field);
      if (Double.isNaN(x)) {
        return false;
      }
      double y = numbers[0];
      return switch (op) {
        case EQ -> x == y;
        case NE -> x != y;
        case LT -> x < y;
        case LE -> x <= y;
        case GT -> x > y;
        case GE -> x >= y;
        case IN -> {
          boolean any = false;
          for (double n : numbers) {
            any |= x == n;
          }
          yield any;
        }
      };
    }

    public void sources(List<String> out) {
      if (!out.contains(source)) {
        out.add(source);
      }
    }
  }

  // ---- the parser ----------------------------------------------------------------------------

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Node or() {
      Node left = and();
      while (keyword("or")) {
        left = new Or(left, and());
      }
      return left;
    }

    Node and() {
      Node left = unary();
      while (keyword("and")) {
        left = new And(left, unary());
      }
      return left;
    }

    Node unary() {
      if (keyword("not")) {
        return new Not(unary());
      }
      if (symbol("(")) {
        Node inner = or();
        if (!symbol(")")) {
          throw error("')' expected");
        }
        return inner;
      }
      return comparison();
    }

    Node comparison() {
      String source = word("a signal source such as wyckoff");
      if (!symbol(".")) {
        throw error("'.' and a field name expected after '" + source + "'");
      }
      String field = word("a field name");
      Op op;
      if (keyword("in")) {
        op = Op.IN;
      } else if (symbol("==")) {
        op = Op.EQ;
      } else if (symbol("!=")) {
        op = Op.NE;
      } else if (symbol("<=")) {
        op = Op.LE;
      } else if (symbol(">=")) {
        op = Op.GE;
      } else if (symbol("<")) {
        op = Op.LT;
      } else if (symbol(">")) {
        op = Op.GT;
      } else {
        throw error("a comparison (==, !=, <, <=, >, >=, in) expected");
      }
      List<String> values = new ArrayList<>();
      if (op == Op.IN) {
        if (!symbol("(")) {
          throw error("'(' expected after 'in'");
        }
        do {
          values.add(value());
        } while (symbol(","));
        if (!symbol(")")) {
          throw error("')' expected");
        }
      } else {
        values.add(value());
      }
      boolean numeric = isNumber(values.get(0));
      double[] numbers = new double[values.size()];
      String[] words = new String[values.size()];
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (isNumber(v) != numeric) {
          throw error("mixes numbers and words in one comparison");
        }
        if (numeric) {
          numbers[i] = Double.parseDouble(v);
        } else {
          words[i] = v;
        }
      }
      if (!numeric && op != Op.EQ && op != Op.NE && op != Op.IN) {
        throw error("a word can only be compared with ==, != or in");
      }
      return new Compare(source, field, op, numbers, words);
    }

    private static boolean isNumber(String v) {
      try {
        return Double.isFinite(Double.parseDouble(v));
      } catch (NumberFormatException e) {
        return false;
      }
    }

    String value() {
      skip();
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "-+._".indexOf(s.charAt(pos)) >= 0)) {
        pos++;
      }
      if (start == pos) {
        throw error("a number or a word expected");
      }
      return s.substring(start, pos);
    }

    String word(String what) {
      skip();
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-'
          || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos || !Character.isLetter(s.charAt(start))) {
        throw error(what + " expected");
      }
      return s.substring(start, pos);
    }

    boolean keyword(String k) {
      skip();
      int end = pos + k.length();
      if (end <= s.length() && s.substring(pos, end).equalsIgnoreCase(k)
          && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)))) {
        pos = end;
        return true;
      }
      return false;
    }

    boolean symbol(String sym) {
      skip();
      if (s.startsWith(sym, pos)) {
        pos += sym.length();
        return true;
      }
      return false;
    }

    void expectEnd() {
      skip();
      if (pos < s.length()) {
        throw error("unexpected '" + s.substring(pos) + "'");
      }
    }

    private void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private ConfigException error(String message) {
      return new ConfigException("entryGate", "entryGate '%s': %s at position %d".formatted(s, message, pos + 1));
    }
  }
}
