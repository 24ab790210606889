package dev.nanpin.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nanpin.ConfigException;
import dev.nanpin.data.SignalQueries;
import dev.nanpin.live.BotHttpServer;
import dev.nanpin.live.TelegramNotifier;
import dev.nanpin.PluginException;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a bot's YAML configuration, applies the secrets file and environment overrides, and
 * binds it to a {@link BotConfig}.
 *
 * <h2>Where values come from, lowest precedence first</h2>
 * <ol>
 *   <li>the YAML file ({@code bot.yaml});
 *   <li>the secrets file named by {@code secretsFile} (YAML of the same shape, merged key by key);
 *   <li>environment variables: {@code NANPIN_} followed by the path of the key, levels joined by
 *       a double underscore {@code __}; within a level case, {@code _} and {@code -} are ignored,
 *       and a list element is named by its index. {@code NANPIN_RISK__MAX_LEVERAGE=2} sets {@code
 *       risk.maxLeverage}, {@code NANPIN_EXCHANGE__SETTINGS__API_SECRET} sets {@code
 *       exchange.settings.apiSecret}, {@code NANPIN_SIZERS__0__PARAMS__QUOTE=50} sets {@code
 *       sizers[0].params.quote}, {@code NANPIN_SECRETS_FILE} sets {@code secretsFile}. Variables
 *       whose first level is not a top-level key are ignored.
 * </ol>
 * A value written as <code>${NAME}</code> is replaced by the environment variable {@code NAME}.
 *
 * <h2>Secrets</h2>
 * A key is a secret when its name contains {@code secret}, {@code password}, {@code passphrase},
 * {@code token}, {@code apikey}, {@code privatekey} or {@code credential} (ignoring case and
 * separators), when it is the webhook URL, the Telegram chat id or a {@code store.url} carrying a password, or when the
 * plugin's {@link ConfigSpec} declares it {@link ConfigSpec.Type#SECRET}. A secret written as a literal in the YAML file is refused:
 * secrets come from the environment (directly, or as <code>${NAME}</code>) or the secrets file.
 * {@link #maskedYaml} prints them as {@code ****}.
 *
 * <p>Errors are {@link ConfigException}s whose key is the dotted path ({@code risk.maxLeverage},
 * {@code sizers[0].params.quote}). Thread-safe: the loader holds no mutable state.
 */
public final class BotConfigLoader {
  private static final Logger log = LoggerFactory.getLogger(BotConfigLoader.class);

  /** The prefix of environment overrides. */
  public static final String ENV_PREFIX = "NANPIN_";

  private static final String MASK = "****";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final List<String> SECRET_WORDS =
      List.of("secret", "password", "passphrase", "token", "apikey", "privatekey", "credential");
  private static final List<String> TOP_LEVEL = List.of("name", "exchange", "strategy", "sizers", "risk", "portfolio", "data",
      "signals", "store", "notifications", "engine", "http", "secretsFile");

  private final Map<String, String> env;
  private final Plugins plugins;
  private final YAMLMapper yaml;

  /**
   * Creates a loader.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param plugins the plugins used to recognise secret parameters and validate parameters, or
   *     {@code null} to use only the name rules
   */
  public BotConfigLoader(Map<String, String> env, Plugins plugins) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.plugins = plugins;
    this.yaml = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build())
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        // Two "maxLeverage:" lines must be an error, not "the last one wins".
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  /**
   * Reads, merges, overrides and binds a configuration file.
   *
   * @param file the YAML file
   * @return the configuration
   * @throws ConfigException naming the key for a missing, unknown or invalid value, or a secret
   *     written in the file
   */
  public BotConfig load(Path file) {
    String text = read(file, "config");
    Path base = file.toAbsolutePath().getParent();
    return load(text, base == null ? Path.of("") : base, file.toString());
  }

  /**
   * Reads a configuration from text.
   *
   * @param text the YAML
   * @param baseDir the directory relative paths are resolved against
   * @param origin a name for the text in messages
   * @return the configuration
   * @throws ConfigException as for {@link #load(Path)}
   */
  public BotConfig load(String text, Path baseDir, String origin) {
    Map<String, Object> tree = parse(text, origin);
    rejectInlineSecrets(tree, new ArrayList<>(), origin);
    Object secretsFile = get(applyEnv(deepCopy(tree)), "secretsFile");
    if (secretsFile != null) {
      Path secrets = baseDir.resolve(substitute(secretsFile.toString(), "secretsFile"));
      mergeInto(tree, readSecrets(secrets));
    }
    tree = applyEnv(tree);
    resolvePlaceholders(tree, "");
    return bind(tree, baseDir);
  }

  /**
   * Reads only the {@code risk:} block of a bot configuration file (the other keys are not
   * read), with the same rules as {@link #load(Path)}: what a backtest's {@code --risk FILE}
   * checks orders against.
   *
   * @param file a YAML file with a {@code risk:} mapping (a whole bot configuration will do)
   * @return the limits; {@link RiskLimits#none()} when the file has no {@code risk:} block
   * @throws ConfigException naming the key for an unknown or invalid value
   */
  public RiskLimits loadRisk(Path file) {
    String text = read(file, "risk limits");
    return riskLimits(new Section("", parse(text, file.toString())).section("risk", false));
  }

  private static String read(Path file, String what) {
    Objects.requireNonNull(file, "file");
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(null, "cannot read " + what + " " + file + ": " + e.getMessage());
    }
  }

  /**
   * {@code exchange.symbols}: a list of symbols, each a plain name or {@code {symbol, params,
   * settings}} (strategy parameters and exchange settings of that symbol); empty when absent.
   */
  @SuppressWarnings("unchecked")
  private static List<BotConfig.Market> markets(Section ex) {
    Object raw = ex.raw("symbols");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw new ConfigException(ex.key("symbols"), ex.key("symbols") + " must be a non-empty list of symbols");
    }
    List<BotConfig.Market> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      String key = ex.key("symbols") + "[" + i + "]";
      BotConfig.Market m;
      if (item instanceof Map<?, ?> map) {
        Section s = new Section(key, (Map<String, Object>) map);
        s.only("symbol", "params", "settings");
        m = new BotConfig.Market(s.requireString("symbol"), s.map("params"), s.map("settings"));
      } else if (item instanceof String name && !name.isBlank()) {
        m = new BotConfig.Market(name.strip(), Map.of(), Map.of());
      } else {
        throw new ConfigException(key, key + " must be a symbol or a mapping {symbol, params, settings}");
      }
      if (!seen.add(m.symbol())) {
        throw new ConfigException(key, key + ": symbol " + m.symbol() + " is listed twice");
      }
      out.add(m);
    }
    return out;
  }

  /** {@code portfolio:} the limits over all symbols ({@link PortfolioLimits}). */
  private static PortfolioLimits portfolioLimits(Section p) {
    p.only("maxActiveLadders", "maxTotalCapitalInUse", "maxEquityShare", "maxTotalLeverage");
    BigDecimal ladders = p.decimal("maxActiveLadders");
    try {
      if (ladders != null && (ladders.signum() <= 0 || ladders.stripTrailingZeros().scale() > 0)) {
        throw new IllegalArgumentException("maxActiveLadders must be a whole number >= 1: " + ladders.toPlainString());
      }
      return new PortfolioLimits(ladders == null ? null : ladders.intValueExact(), p.decimal("maxTotalCapitalInUse"),
          p.decimal("maxEquityShare"), p.decimal("maxTotalLeverage"));
    } catch (IllegalArgumentException | ArithmeticException e) {
      String field = String.valueOf(e.getMessage()).split(" ")[0];
      throw new ConfigException("portfolio." + field, "portfolio." + e.getMessage());
    }
  }

  private static RiskLimits riskLimits(Section r) {
    r.only("maxOrderNotional", "maxPositionNotional", "maxLeverage", "maxCapitalInUse", "minLiquidationDistance");
    try {
      return new RiskLimits(r.decimal("maxOrderNotional"), r.decimal("maxPositionNotional"),
          r.decimal("maxLeverage"), r.decimal("maxCapitalInUse"), r.decimal("minLiquidationDistance"));
    } catch (IllegalArgumentException e) {
      String field = e.getMessage().split(" ")[0];
      throw new ConfigException("risk." + field, "risk." + e.getMessage());
    }
  }

  // ---- reading ----------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(String text, String origin) {
    if (text.isBlank()) {
      throw new ConfigException(null, origin + " is empty");
    }
    Object root;
    try {
      root = yaml.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(null, "cannot parse " + origin + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new ConfigException(null, origin + " must be a YAML mapping of keys to values");
    }
    return deepCopy((Map<String, Object>) map);
  }

  private Map<String, Object> readSecrets(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("secretsFile", "secrets file " + file + " does not exist");
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        log.warn("Secrets file {} is readable by other users; chmod 600 it", file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: nothing to check.
    }
    try {
      return parse(Files.readString(file), "secrets file " + file);
    } catch (IOException e) {
      throw new ConfigException("secretsFile", "cannot read secrets file " + file + ": " + e.getMessage());
    }
  }

  // ---- secrets ----------------------------------------------------------------------------

  /**
   * Tells whether a key path names a secret.
   *
   * @param path the key path, e.g. {@code ["exchange", "settings", "apiSecret"]}; list indexes
   *     as decimal strings
   * @param tree the configuration tree, used to find the plugin id of a {@code params} map; may
   *     be {@code null}
   * @return whether the value must never be printed or written in the YAML file
   */
  boolean isSecret(List<String> path, Map<String, Object> tree) {
    if (path.isEmpty()) {
      return false;
    }
    String last = normalize(path.get(path.size() - 1));
    if (path.size() == 1 && last.equals("secretsfile")) {
      return false; // the path of the secrets file, not a secret
    }
    for (String w : SECRET_WORDS) {
      if (last.contains(w)) {
        return true;
      }
    }
    String joined = String.join(".", path.stream().map(BotConfigLoader::normalize).toList());
    if (joined.equals("notifications.webhook.url") || joined.equals("notifications.webhookurl")
        || joined.equals("notifications.telegram.chatid")) {
      return true; // a webhook URL embeds its token; a chat id is half of what it takes to write to the chat
    }
    return tree != null && declaredSecret(path, tree);
  }

  /** Whether the plugin owning {@code path} declares that parameter SECRET. */
  private boolean declaredSecret(List<String> path, Map<String, Object> tree) {
    if (plugins == null || path.size() < 3) {
      return false;
    }
    String section = normalize(path.get(0));
    PluginFamily family;
    List<String> owner;
    if (section.equals("exchange") && normalize(path.get(1)).equals("settings")) {
      family = PluginFamily.EXCHANGE;
      owner = path.subList(0, 1);
    } else if (section.equals("strategy") && normalize(path.get(1)).equals("params")) {
      family = PluginFamily.STRATEGY;
      owner = path.subList(0, 1);
    } else if ((section.equals("sizers") || section.equals("data")) && path.size() >= 4
        && normalize(path.get(2)).equals("params")) {
      family = section.equals("sizers") ? PluginFamily.SIZER : PluginFamily.DATA_SOURCE;
      owner = path.subList(0, 2);
    } else {
      return false;
    }
    Object node = tree;
    for (String step : owner) {
      node = child(node, step);
    }
    Object id = child(node, "id");
    if (id == null) {
      return false;
    }
    return spec(family, id.toString())
        .flatMap(s -> s.param(path.get(path.size() - 1)))
        .map(ConfigSpec.Param::secret)
        .orElse(false);
  }

  private Optional<ConfigSpec> spec(PluginFamily family, String id) {
    if (plugins == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(plugins.provider(family, id).configSpec());
    } catch (PluginException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private void rejectInlineSecrets(Object node, List<String> path, String origin) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        path.add(e.getKey());
        rejectInlineSecrets(e.getValue(), path, origin);
        path.remove(path.size() - 1);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        path.add(Integer.toString(i));
        rejectInlineSecrets(list.get(i), path, origin);
        path.remove(path.size() - 1);
      }
    } else if (node != null && !node.toString().isEmpty() && !PLACEHOLDER.matcher(node.toString()).matches()
        && (isSecret(path, null) || isJdbcUrlWithPassword(path, node.toString()))) {
      String dotted = dotted(path);
      throw new ConfigException(dotted, ("%s is a secret and must not be written in %s: set %s in the environment,"
          + " write ${SOME_VARIABLE} instead, or put it in the secretsFile").formatted(dotted, origin, envName(path)));
    }
  }

  /** A JDBC URL may carry a password in its query string; then the whole URL is a secret. */
  private static boolean isJdbcUrlWithPassword(List<String> path, String value) {
    return path.size() == 2 && normalize(path.get(0)).equals("store") && normalize(path.get(1)).equals("url")
        && value.toLowerCase(Locale.ROOT).contains("password");
  }

  /**
   * The environment variable that overrides a key path.
   *
   * @param path the key path
   * @return e.g. {@code NANPIN_EXCHANGE__SETTINGS__API_SECRET}
   */
  public static String envName(List<String> path) {
    List<String> parts = new ArrayList<>();
    for (String p : path) {
      parts.add(p.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT));
    }
    return ENV_PREFIX + String.join("__", parts);
  }

  // ---- environment ------------------------------------------------------------------------

  private Map<String, Object> applyEnv(Map<String, Object> tree) {
    // Sorted, so that the result does not depend on the environment's iteration order.
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX) || name.length() == ENV_PREFIX.length()) {
        continue;
      }
      List<String> segments = List.of(name.substring(ENV_PREFIX.length()).split("__", -1));
      String top = normalize(segments.get(0));
      Optional<String> topKey = TOP_LEVEL.stream().filter(k -> normalize(k).equals(top)).findFirst();
      if (topKey.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
        continue;
      }
      List<String> path = new ArrayList<>(segments);
      path.set(0, topKey.get());
      setPath(tree, path, e.getValue(), name);
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  private static void setPath(Map<String, Object> tree, List<String> path, String value, String var) {
    Object node = tree;
    for (int i = 0; i < path.size(); i++) {
      String seg = path.get(i);
      boolean last = i == path.size() - 1;
      if (node instanceof Map<?, ?> raw) {
        Map<String, Object> map = (Map<String, Object>) raw;
        String key = findKey(map, seg).orElse(camel(seg));
        if (last) {
          map.put(key, value);
          return;
        }
        Object next = map.get(key);
        if (next == null) {
          next = isIndex(path.get(i + 1)) ? new ArrayList<>() : new LinkedHashMap<String, Object>();
          map.put(key, next);
        }
        node = next;
      } else if (node instanceof List<?> raw && isIndex(seg)) {
        List<Object> list = (List<Object>) raw;
        int index = Integer.parseInt(seg);
        if (index > list.size()) {
          throw new ConfigException(dotted(path.subList(0, i + 1)),
              "%s names element %d of a list of %d; set elements in order".formatted(var, index, list.size()));
        }
        if (last) {
          if (index == list.size()) {
            list.add(value);
          } else {
            list.set(index, value);
          }
          return;
        }
        if (index == list.size()) {
          list.add(new LinkedHashMap<String, Object>());
        }
        node = list.get(index);
      } else {
        throw new ConfigException(dotted(path.subList(0, i)),
            "%s sets a key below %s, which is a single value".formatted(var, dotted(path.subList(0, i))));
      }
    }
  }

  /** {@code API_SECRET} to {@code apiSecret}: the name a new key from the environment gets. */
  static String camel(String segment) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char ch : segment.toLowerCase(Locale.ROOT).toCharArray()) {
      if (ch == '_' || ch == '-') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return sb.toString();
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 6;
  }

  private static Optional<String> findKey(Map<String, Object> map, String segment) {
    String n = normalize(segment);
    return map.keySet().stream().filter(k -> normalize(k).equals(n)).findFirst();
  }

  @SuppressWarnings("unchecked")
  private void resolvePlaceholders(Object node, String path) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getValue() instanceof String s) {
          e.setValue(substitute(s, p));
        } else {
          resolvePlaceholders(e.getValue(), p);
        }
      }
    } else if (node instanceof List<?> raw) {
      List<Object> list = (List<Object>) raw;
      for (int i = 0; i < list.size(); i++) {
        String p = path + "[" + i + "]";
        if (list.get(i) instanceof String s) {
          list.set(i, substitute(s, p));
        } else {
          resolvePlaceholders(list.get(i), p);
        }
      }
    }
  }

  private String substitute(String value, String path) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) {
        throw new ConfigException(path, "%s refers to environment variable %s, which is not set"
            .formatted(path, m.group(1)));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  // ---- binding ----------------------------------------------------------------------------

  private BotConfig bind(Map<String, Object> tree, Path baseDir) {
    Section root = new Section("", tree);
    root.only("name", "exchange", "strategy", "sizers", "risk", "portfolio", "data", "signals", "store",
        "notifications", "engine", "http", "secretsFile");
    String name = root.string("name", "bot");

    Section ex = root.section("exchange", true);
    ex.only("id", "symbol", "symbols", "settings");
    List<BotConfig.Market> markets = markets(ex);
    if (!markets.isEmpty() && ex.raw("symbol") != null) {
      throw new ConfigException(ex.key("symbols"), "set %s or %s, not both".formatted(ex.key("symbol"),
          ex.key("symbols")));
    }
    BotConfig.Exchange exchange = new BotConfig.Exchange(ex.requireString("id"),
        markets.isEmpty() ? ex.requireString("symbol") : markets.get(0).symbol(), ex.map("settings"), markets);

    BotConfig.Plugin strategy = plugin(root.section("strategy", true));
    List<BotConfig.Plugin> sizers = new ArrayList<>();
    for (Section s : root.list("sizers")) {
      sizers.add(plugin(s));
    }

    RiskLimits risk = riskLimits(root.section("risk", false));
    PortfolioLimits portfolio = portfolioLimits(root.section("portfolio", false));
    if (markets.isEmpty() && !portfolio.equals(PortfolioLimits.none())) {
      throw new ConfigException("portfolio", "portfolio limits are for a bot of several symbols: list them in "
          + "exchange.symbols");
    }

    List<BotConfig.DataSource> data = new ArrayList<>();
    for (Section d : root.list("data")) {
      d.only("id", "every", "params");
      data.add(new BotConfig.DataSource(d.requireString("id"),
          d.duration("every", null, Duration.ofSeconds(1)), d.map("params")));
    }

    List<BotConfig.SignalSpec> signals = new ArrayList<>();
    for (Section g : root.list("signals")) {
      signals.add(signal(g));
    }

    Section st = root.section("store", false);
    st.only("path", "url");
    String url = st.string("url", null);
    String path = st.string("path", url == null ? name + ".db" : null);
    if (url != null && path != null) {
      throw new ConfigException("store", "set store.path (a SQLite file) or store.url (a JDBC URL), not both");
    }
    BotConfig.Store store = new BotConfig.Store(path == null ? null : baseDir.resolve(path).normalize(), url);

    Section n = root.section("notifications", false);
    n.only("webhook", "telegram");
    Section w = n.section("webhook", false);
    w.only("url", "events", "timeout");
    Set<String> events = new LinkedHashSet<>(w.strings("events", List.of("fill", "error", "reconnect-storm",
        "liquidation-warning")));
    for (String event : events) {
      if (!BotConfig.Notifications.EVENTS.contains(event)) {
        throw new ConfigException(w.key("events"), "%s: unknown event '%s'; known: %s".formatted(w.key("events"),
            event, new java.util.TreeSet<>(BotConfig.Notifications.EVENTS)));
      }
    }
    BotConfig.Notifications notifications = new BotConfig.Notifications(w.string("url", null), events,
        w.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(100)),
        n.raw("telegram") == null ? null : telegram(n.section("telegram", true)));

    Section en = root.section("engine", false);
    en.only("reconcileEvery", "cancelOnShutdown", "statusFile", "statusEvery");
    String statusFile = en.string("statusFile", null);
    BotConfig.Engine engine = new BotConfig.Engine(
        en.duration("reconcileEvery", Duration.ofSeconds(30), Duration.ofSeconds(1)),
        en.bool("cancelOnShutdown", false),
        statusFile == null ? null : baseDir.resolve(statusFile).normalize(),
        en.duration("statusEvery", Duration.ofSeconds(10), Duration.ofSeconds(1)));

    BotConfig.Http http = root.raw("http") == null ? BotConfig.Http.OFF : http(root.section("http", true));

    return new BotConfig(name, exchange, strategy, sizers, risk, data, signals, store, notifications, engine, http,
        portfolio);
  }

  /** {@code http: {bind: 127.0.0.1:8089, token: ${NANPIN_HTTP_TOKEN}}}; the bind defaults to 127.0.0.1:8089. */
  private static BotConfig.Http http(Section h) {
    h.only("bind", "token");
    InetSocketAddress bind;
    try {
      bind = BotHttpServer.parseAddress(h.string("bind", "127.0.0.1:8089"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(h.key("bind"), h.key("bind") + ": " + e.getMessage());
    }
    String token = h.string("token", null);
    if (token != null && token.length() < BotHttpServer.MIN_TOKEN_LENGTH) {
      throw new ConfigException(h.key("token"), ("%s must be at least %d characters (it guards pause, resume and "
          + "cancel-all)").formatted(h.key("token"), BotHttpServer.MIN_TOKEN_LENGTH));
    }
    return new BotConfig.Http(bind, token);
  }

  /**
   * {@code notifications.telegram: {token, chatId, events, summaryEvery, apiUrl}}: token and chat id
   * are secrets (from the environment or the secrets file), the rest has defaults.
   */
  private static TelegramNotifier.Settings telegram(Section t) {
    t.only("token", "chatId", "events", "summaryEvery", "apiUrl");
    String token = t.requireString("token");
    String chatId = t.requireString("chatId");
    Set<String> events = new LinkedHashSet<>(t.strings("events", List.copyOf(new java.util.TreeSet<>(
        TelegramNotifier.Settings.EVENTS))));
    for (String event : events) {
      if (!TelegramNotifier.Settings.EVENTS.contains(event)) {
        throw new ConfigException(t.key("events"), "%s: unknown event '%s'; known: %s".formatted(t.key("events"),
            event, new java.util.TreeSet<>(TelegramNotifier.Settings.EVENTS)));
      }
    }
    Duration every = t.duration("summaryEvery", Duration.ofDays(1), Duration.ZERO);
    if (!every.isZero() && every.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException(t.key("summaryEvery"), "%s = %s: 0s (no summary) or at least 1m".formatted(
          t.key("summaryEvery"), every));
    }
    String api = t.string("apiUrl", TelegramNotifier.API.toString());
    java.net.URI apiUrl;
    try {
      apiUrl = java.net.URI.create(api);
      return new TelegramNotifier.Settings(token, chatId, apiUrl, events, every);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(t.key("apiUrl"), "%s = '%s' is not an http(s) URL".formatted(t.key("apiUrl"), api));
    }
  }

  /** A {@code signals:} entry: {@code {id, params}} for a generator, {@code {source, query, every, params}} for a poll. */
  private static BotConfig.SignalSpec signal(Section g) {
    String id = g.string("id", null);
    String source = g.string("source", null);
    if ((id == null) == (source == null)) {
      throw new ConfigException(g.key("id"), g.path + ": set id (a signal generator, run at every bar close) or "
          + "source (a data source, polled every period), not " + (id == null ? "neither" : "both"));
    }
    if (id != null) {
      g.only("id", "params");
      return new BotConfig.SignalSpec(id, null, null, null, g.map("params"));
    }
    g.only("source", "query", "every", "params");
    String query = g.string("query", null);
    if (query != null && !SignalQueries.NAMES.contains(query)) {
      throw new ConfigException(g.key("query"), "%s: unknown signal query '%s'; known: %s".formatted(g.key("query"),
          query, String.join(", ", SignalQueries.NAMES)));
    }
    return new BotConfig.SignalSpec(null, source, query, g.duration("every", null, Duration.ofSeconds(1)),
        g.map("params"));
  }

  private static BotConfig.Plugin plugin(Section s) {
    s.only("id", "params");
    return new BotConfig.Plugin(s.requireString("id"), s.map("params"));
  }

  /** One mapping of the tree and its dotted path, with typed, path-naming getters. */
  private static final class Section {
    private final String path;
    private final Map<String, Object> values;

    Section(String path, Map<String, Object> values) {
      this.path = path;
      this.values = values;
    }

    String key(String name) {
      return path.isEmpty() ? name : path + "." + name;
    }

    void only(String... known) {
      for (String k : values.keySet()) {
        boolean ok = false;
        for (String kn : known) {
          ok |= normalize(kn).equals(normalize(k));
        }
        if (!ok) {
          throw new ConfigException(key(k), "unknown key '%s'; known keys%s: %s".formatted(key(k),
              path.isEmpty() ? "" : " of " + path, String.join(", ", known)));
        }
      }
    }

    Object raw(String name) {
      return findKey(values, name).map(values::get).orElse(null);
    }

    @SuppressWarnings("unchecked")
    Section section(String name, boolean required) {
      Object v = raw(name);
      if (v == null) {
        if (required) {
          throw new ConfigException(key(name), key(name) + " is required");
        }
        return new Section(key(name), Map.of());
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw new ConfigException(key(name), key(name) + " must be a mapping of keys to values");
      }
      return new Section(key(name), (Map<String, Object>) m);
    }

    @SuppressWarnings("unchecked")
    List<Section> list(String name) {
      Object v = raw(name);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> l)) {
        throw new ConfigException(key(name), key(name) + " must be a list");
      }
      List<Section> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        if (!(l.get(i) instanceof Map<?, ?> m)) {
          throw new ConfigException(key(name) + "[" + i + "]", key(name) + "[" + i + "] must be a mapping with an id");
        }
        out.add(new Section(key(name) + "[" + i + "]", (Map<String, Object>) m));
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String name) {
      Object v = raw(name);
      if (v == null) {
        return Map.of();
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw new ConfigException(key(name), key(name) + " must be a mapping of keys to values");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, val) -> {
        if (val == null) {
          throw new ConfigException(key(name) + "." + k, key(name) + "." + k + " has no value");
        }
        out.put(k, val);
      });
      return out;
    }

    String string(String name, String dflt) {
      Object v = raw(name);
      if (v == null) {
        return dflt;
      }
      if (v instanceof Map || v instanceof List) {
        throw new ConfigException(key(name), key(name) + " must be a single value");
      }
      String s = v.toString().strip();
      return s.isEmpty() ? dflt : s;
    }

    String requireString(String name) {
      String s = string(name, null);
      if (s == null) {
        throw new ConfigException(key(name), key(name) + " is required");
      }
      return s;
    }

    BigDecimal decimal(String name) {
      Object v = raw(name);
      if (v == null) {
        return null;
      }
      try {
        return new BigDecimal(v.toString().strip());
      } catch (NumberFormatException e) {
        throw new ConfigException(key(name), "%s = '%s' is not a number".formatted(key(name), v));
      }
    }

    boolean bool(String name, boolean dflt) {
      String s = string(name, null);
      if (s == null) {
        return dflt;
      }
      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(s);
      }
      throw new ConfigException(key(name), "%s = '%s' is not true or false".formatted(key(name), s));
    }

    Duration duration(String name, Duration dflt, Duration min) {
      String s = string(name, null);
      if (s == null) {
        if (dflt == null) {
          throw new ConfigException(key(name), key(name) + " is required (e.g. 30s, 15m, 1h)");
        }
        return dflt;
      }
      Duration d = ConfigSpec.parseDuration(s);
      if (d == null) {
        throw new ConfigException(key(name), "%s = '%s' is not a duration such as 500ms, 30s, 15m, 12h, 2d or PT12H"
            .formatted(key(name), s));
      }
      if (d.compareTo(min) < 0) {
        throw new ConfigException(key(name), "%s = %s is shorter than the minimum %s".formatted(key(name), s, min));
      }
      return d;
    }

    List<String> strings(String name, List<String> dflt) {
      Object v = raw(name);
      if (v == null) {
        return dflt;
      }
      List<?> items = v instanceof List<?> l ? l : List.of(v.toString().split(","));
      List<String> out = new ArrayList<>();
      for (Object o : items) {
        if (o instanceof Map || o instanceof List) {
          throw new ConfigException(key(name), key(name) + " must be a list of names");
        }
        String s = o.toString().strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }
  }

  // ---- validation and printout ------------------------------------------------------------

  /**
   * Validates a configuration exactly as {@code nanpin run} needs it, before anything touches the
   * store: both {@code nanpin config} and {@code nanpin run} call this one method. Every plugin id
   * must name a plugin on the class path (an unknown id is an error with a "did you mean"
   * suggestion); every plugin's parameters are resolved through its {@link ConfigSpec}; the
   * strategy, the sizers and the data sources are created once and discarded, so that the checks
   * a plugin makes when it is created (beyond its spec) fail here too. Exchanges are not created:
   * creating one may connect to its venue.
   *
   * @param config the configuration
   * @return warnings; only when this loader has no plugins, one per plugin not validated
   * @throws ConfigException naming the key ({@code data[0].id}, {@code strategy.params.levels})
   *     of an unknown plugin id or of a parameter that is unknown, mistyped or out of range
   */
  public List<String> validate(BotConfig config) {
    List<String> warnings = new ArrayList<>();
    check(PluginFamily.EXCHANGE, config.exchange().id(), config.exchange().settings(), "exchange", "settings", warnings);
    check(PluginFamily.STRATEGY, config.strategy().id(), config.strategy().params(), "strategy", "params", warnings);
    for (int i = 0; i < config.sizers().size(); i++) {
      BotConfig.Plugin s = config.sizers().get(i);
      check(PluginFamily.SIZER, s.id(), s.params(), "sizers[" + i + "]", "params", warnings);
    }
    for (int i = 0; i < config.dataSources().size(); i++) {
      BotConfig.DataSource d = config.dataSources().get(i);
      check(PluginFamily.DATA_SOURCE, d.id(), d.params(), "data[" + i + "]", "params", warnings);
    }
    if (plugins != null) {
      create("strategy", () -> plugins.strategy(config.strategy().id(), config.strategy().params()));
      for (int i = 0; i < config.sizers().size(); i++) {
        BotConfig.Plugin s = config.sizers().get(i);
        create("sizers[" + i + "]", () -> plugins.sizer(s.id(), s.params()));
      }
      for (int i = 0; i < config.dataSources().size(); i++) {
        BotConfig.DataSource d = config.dataSources().get(i);
        create("data[" + i + "]", () -> {
          plugins.dataSource(d.id(), d.params()).close();
          return null;
        });
      }
    }
    for (int i = 0; i < config.signals().size(); i++) {
      BotConfig.SignalSpec g = config.signals().get(i);
      check(g.computed() ? PluginFamily.SIGNAL : PluginFamily.DATA_SOURCE, g.computed() ? g.id() : g.source(),
          g.params(), "signals[" + i + "]", "params", warnings);
    }
    return warnings;
  }

  private void check(PluginFamily family, String id, Map<String, Object> params, String at, String paramsKey,
      List<String> warnings) {
    String path = at + "." + paramsKey;
    if (plugins == null) {
      warnings.add("%s plugin '%s': no plugins loaded; %s not validated".formatted(family.label(), id, path));
      return;
    }
    ConfigSpec spec;
    try {
      spec = plugins.provider(family, id).configSpec();
    } catch (PluginException e) {
      throw new ConfigException(at + ".id", at + ".id: " + e.getMessage());
    }
    try {
      spec.resolve(params);
    } catch (ConfigException e) {
      String key = e.key() == null ? path : path + "." + e.key();
      throw new ConfigException(key, path + ": " + e.getMessage());
    }
  }

  private static void create(String at, java.util.function.Supplier<?> creation) {
    try {
      creation.get();
    } catch (ConfigException e) {
      String key = e.key() == null ? at + ".params" : at + ".params." + e.key();
      throw new ConfigException(key, at + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(at + ".params", at + ": " + e.getMessage());
    }
  }

  /**
   * Prints the effective configuration as YAML, every secret replaced by {@code ****}.
   *
   * @param config the configuration
   * @return the YAML text
   */
  public String maskedYaml(BotConfig config) {
    Map<String, Object> tree = toTree(config);
    mask(tree, new ArrayList<>(), tree);
    try {
      return yaml.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print the configuration", e);
    }
  }

  private static Map<String, Object> toTree(BotConfig c) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", c.name());
    Map<String, Object> ex = new LinkedHashMap<>();
    ex.put("id", c.exchange().id());
    if (c.exchange().markets().isEmpty()) {
      ex.put("symbol", c.exchange().symbol());
    } else {
      List<Object> symbols = new ArrayList<>();
      for (BotConfig.Market m : c.exchange().markets()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("symbol", m.symbol());
        one.put("params", new TreeMap<>(m.params()));
        one.put("settings", new TreeMap<>(m.settings()));
        symbols.add(one);
      }
      ex.put("symbols", symbols);
    }
    ex.put("settings", new TreeMap<>(c.exchange().settings()));
    t.put("exchange", ex);
    t.put("strategy", pluginTree(c.strategy()));
    t.put("sizers", c.sizers().stream().map(BotConfigLoader::pluginTree).toList());
    Map<String, Object> risk = new LinkedHashMap<>();
    putIfSet(risk, "maxOrderNotional", c.risk().maxOrderNotional());
    putIfSet(risk, "maxPositionNotional", c.risk().maxPositionNotional());
    putIfSet(risk, "maxLeverage", c.risk().maxLeverage());
    putIfSet(risk, "maxCapitalInUse", c.risk().maxCapitalInUse());
    putIfSet(risk, "minLiquidationDistance", c.risk().minLiquidationDistance());
    t.put("risk", risk);
    if (!c.portfolio().equals(PortfolioLimits.none())) {
      Map<String, Object> portfolio = new LinkedHashMap<>();
      putIfSet(portfolio, "maxActiveLadders", c.portfolio().maxActiveLadders() == null ? null
          : BigDecimal.valueOf(c.portfolio().maxActiveLadders()));
      putIfSet(portfolio, "maxTotalCapitalInUse", c.portfolio().maxTotalCapitalInUse());
      putIfSet(portfolio, "maxEquityShare", c.portfolio().maxEquityShare());
      putIfSet(portfolio, "maxTotalLeverage", c.portfolio().maxTotalLeverage());
      t.put("portfolio", portfolio);
    }
    List<Object> data = new ArrayList<>();
    for (BotConfig.DataSource d : c.dataSources()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", d.id());
      m.put("every", d.every().toString());
      m.put("params", new TreeMap<>(d.params()));
      data.add(m);
    }
    t.put("data", data);
    List<Object> signals = new ArrayList<>();
    for (BotConfig.SignalSpec g : c.signals()) {
      Map<String, Object> m = new LinkedHashMap<>();
      putIfSet(m, "id", g.id());
      putIfSet(m, "source", g.source());
      putIfSet(m, "query", g.query());
      putIfSet(m, "every", g.every() == null ? null : g.every().toString());
      m.put("params", new TreeMap<>(g.params()));
      signals.add(m);
    }
    t.put("signals", signals);
    Map<String, Object> store = new LinkedHashMap<>();
    if (c.store().path() != null) {
      store.put("path", c.store().path().toString());
    } else {
      store.put("url", c.store().url().replaceAll("\\?.*", "?..."));
    }
    t.put("store", store);
    Map<String, Object> webhook = new LinkedHashMap<>();
    putIfSet(webhook, "url", c.notifications().webhookUrl());
    webhook.put("events", List.copyOf(c.notifications().events()));
    webhook.put("timeout", c.notifications().timeout().toString());
    Map<String, Object> notifications = new LinkedHashMap<>();
    notifications.put("webhook", webhook);
    TelegramNotifier.Settings tg = c.notifications().telegram();
    if (tg != null) {
      Map<String, Object> telegram = new LinkedHashMap<>();
      telegram.put("token", tg.token());
      telegram.put("chatId", tg.chatId());
      telegram.put("events", List.copyOf(new java.util.TreeSet<>(tg.events())));
      telegram.put("summaryEvery", tg.summaryEvery().toString());
      telegram.put("apiUrl", tg.apiUrl().toString());
      notifications.put("telegram", telegram);
    }
    t.put("notifications", notifications);
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("reconcileEvery", c.engine().reconcileEvery().toString());
    engine.put("cancelOnShutdown", c.engine().cancelOnShutdown());
    putIfSet(engine, "statusFile", c.engine().statusFile() == null ? null : c.engine().statusFile().toString());
    engine.put("statusEvery", c.engine().statusEvery().toString());
    t.put("engine", engine);
    if (c.http().enabled()) {
      Map<String, Object> http = new LinkedHashMap<>();
      http.put("bind", c.http().bind().getHostString() + ":" + c.http().bind().getPort());
      putIfSet(http, "token", c.http().token());
      t.put("http", http);
    }
    return t;
  }

  private static Map<String, Object> pluginTree(BotConfig.Plugin p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("params", new TreeMap<>(p.params()));
    return m;
  }

  private static void putIfSet(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v instanceof BigDecimal b ? b.toPlainString() : v);
    }
  }

  @SuppressWarnings("unchecked")
  private void mask(Object node, List<String> path, Map<String, Object> tree) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        path.add(e.getKey());
        if (!(e.getValue() instanceof Map) && !(e.getValue() instanceof List) && isSecret(path, tree)) {
          e.setValue(MASK);
        } else {
          mask(e.getValue(), path, tree);
        }
        path.remove(path.size() - 1);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        path.add(Integer.toString(i));
        mask(list.get(i), path, tree);
        path.remove(path.size() - 1);
      }
    }
  }

  // ---- tree helpers -----------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static Object child(Object node, String key) {
    if (node instanceof Map<?, ?> m) {
      return findKey((Map<String, Object>) m, key).map(m::get).orElse(null);
    }
    if (node instanceof List<?> l && isIndex(key)) {
      int i = Integer.parseInt(key);
      return i < l.size() ? l.get(i) : null;
    }
    return null;
  }

  private static Object get(Map<String, Object> tree, String key) {
    return child(tree, key);
  }

  @SuppressWarnings("unchecked")
  private static <T> T deepCopy(T node) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
      return (T) out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(deepCopy(v)));
      return (T) out;
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(Map<String, Object> target, Map<String, Object> source) {
    for (Map.Entry<String, Object> e : source.entrySet()) {
      String key = findKey(target, e.getKey()).orElse(e.getKey());
      Object existing = target.get(key);
      if (existing instanceof Map<?, ?> em && e.getValue() instanceof Map<?, ?> sm) {
        mergeInto((Map<String, Object>) em, (Map<String, Object>) sm);
      } else if (existing instanceof List<?> el && e.getValue() instanceof List<?> sl) {
        // Lists merge by index, so a secrets file can fill in sizers[1].params.apiKey.
        List<Object> target2 = (List<Object>) el;
        for (int i = 0; i < sl.size(); i++) {
          Object sv = sl.get(i);
          if (i < target2.size() && target2.get(i) instanceof Map<?, ?> tm && sv instanceof Map<?, ?> svm) {
            mergeInto((Map<String, Object>) tm, (Map<String, Object>) svm);
          } else if (i < target2.size()) {
            target2.set(i, sv);
          } else {
            target2.add(sv);
          }
        }
      } else {
        target.put(key, e.getValue());
      }
    }
  }

  private static String normalize(String key) {
    return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static String dotted(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String p : path) {
      if (isIndex(p)) {
        sb.append('[').append(p).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(p);
      }
    }
    return sb.toString();
  }
}
