package dev.nanpin.exchange.backpack;

import dev.nanpin.ConfigException;
import dev.nanpin.exchange.backpack.internal.Render;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs Backpack Exchange requests with Ed25519 (BouncyCastle), exactly as the venue's official
 * client does:
 *
 * <pre>
 * instruction=INSTRUCTION [&amp;k=v ...sorted by key] &amp;timestamp=MS&amp;window=MS
 * </pre>
 *
 * <p>Values are rendered raw (no URL-encoding): strings as written, booleans as {@code
 * true}/{@code false}, integers as digits, {@link BigDecimal} in plain notation; {@code null}
 * values are left out, as they are left out of the request. A batch ({@code List} of maps) signs
 * each element as {@code instruction=INSTRUCTION&k=v...}, joins them with {@code &} and appends
 * the timestamp and window once. Binary floating point ({@code double}, {@code float}) is refused:
 * decimals go to the venue as strings, so the signed text is the sent text.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the public key only; the secret never
 * appears in a message or a log.
 */
public final class BackpackSigner {
  /** The largest validity window the venue accepts, in milliseconds. */
  public static final long MAX_WINDOW_MILLIS = 60_000L;

  private final Ed25519PrivateKeyParameters privateKey;
  private final Ed25519PublicKeyParameters publicKey;
  private final String apiKey;

  private BackpackSigner(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = privateKey.generatePublicKey();
    this.apiKey = Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  /**
   * Creates a signer from the API secret.
   *
   * @param secretBase64 the base64 of the 32-byte Ed25519 seed, or of 64 bytes (seed followed by
   *     the public key, as some tools export it; the second half is then checked)
   * @return the signer
   * @throws ConfigException (key {@code apiSecret}) if the secret is missing, not base64, of
   *     another length, or its second half does not match the derived public key; the message
   *     never contains the secret
   */
  public static BackpackSigner fromSecret(String secretBase64) {
    if (secretBase64 == null || secretBase64.isBlank()) {
      throw new ConfigException("apiSecret", "the Backpack API secret is empty");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(secretBase64.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("apiSecret", "the Backpack API secret is not valid base64 (standard alphabet)");
    }
    try {
      if (bytes.length != 32 && bytes.length != 64) {
        throw new ConfigException("apiSecret", ("the Backpack API secret must decode to 32 bytes (Ed25519 seed) "
            + "or 64 bytes (seed followed by public key), but decodes to %d bytes").formatted(bytes.length));
      }
      BackpackSigner signer = new BackpackSigner(new Ed25519PrivateKeyParameters(bytes, 0));
      if (bytes.length == 64) {
        byte[] given = Arrays.copyOfRange(bytes, 32, 64);
        boolean same = MessageDigest.isEqual(given, signer.publicKey.getEncoded());
        Arrays.fill(given, (byte) 0);
        if (!same) {
          throw new ConfigException("apiSecret", "the last 32 bytes of the 64-byte Backpack API secret are not "
              + "the public key of its first 32 bytes: the secret is corrupt or two keys were mixed");
        }
      }
      return signer;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** @return the base64 public key: the {@code X-API-Key} header value */
  public String apiKey() {
    return apiKey;
  }

  /**
   * Builds the string to sign.
   *
   * @param instruction the endpoint's instruction, e.g. {@code orderExecute}
   * @param params {@code null}, a {@code Map<String, ?>} of String / Number / Boolean values
   *     (nulls skipped), or a {@code List} of such maps for a batch
   * @param timestampMillis the request time, the same value as the {@code X-Timestamp} header
   * @param windowMillis the validity window, {@code 1..60000}
   * @return the string to sign
   * @throws IllegalArgumentException for an unsupported parameter type, a blank instruction or a
   *     window out of range
   */
  public String signingString(String instruction, Object params, long timestampMillis, long windowMillis) {
    if (instruction == null || instruction.isBlank()) {
      throw new IllegalArgumentException("instruction must not be blank");
    }
    if (windowMillis < 1 || windowMillis > MAX_WINDOW_MILLIS) {
      throw new IllegalArgumentException("window must be in [1, 60000] ms: " + windowMillis);
    }
    StringBuilder sb = new StringBuilder(128);
    if (params instanceof List<?> batch) {
      if (batch.isEmpty()) {
        throw new IllegalArgumentException("a batch must have at least one element");
      }
      for (int i = 0; i < batch.size(); i++) {
        if (!(batch.get(i) instanceof Map<?, ?> element)) {
          throw new IllegalArgumentException("batch element " + i + " is not a map");
        }
        if (i > 0) {
          sb.append('&');
        }
        sb.append("instruction=").append(instruction);
        appendSorted(sb, element);
      }
    } else {
      sb.append("instruction=").append(instruction);
      if (params instanceof Map<?, ?> map) {
        appendSorted(sb, map);
      } else if (params != null) {
        throw new IllegalArgumentException("params must be null, a Map or a List of Maps, not "
            + params.getClass().getName());
      }
    }
    return sb.append("&timestamp=").append(timestampMillis).append("&window=").append(windowMillis).toString();
  }

  /**
   * Signs a request.
   *
   * @param instruction as for {@link #signingString}
   * @param params as for {@link #signingString}
   * @param timestampMillis as for {@link #signingString}
   * @param windowMillis as for {@link #signingString}
   * @return the base64 Ed25519 signature of the string to sign (the {@code X-Signature} value)
   */
  public String sign(String instruction, Object params, long timestampMillis, long windowMillis) {
    return signRaw(signingString(instruction, params, timestampMillis, windowMillis));
  }

  /**
   * Signs an already built string.
   *
   * @param signingString the text
   * @return the base64 signature
   */
  public String signRaw(String signingString) {
    byte[] message = signingString.getBytes(StandardCharsets.UTF_8);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return Base64.getEncoder().encodeToString(signer.generateSignature());
  }

  /**
   * Checks a signature against a public key.
   *
   * @param apiKeyBase64 the base64 public key
   * @param signingString the signed text
   * @param signatureBase64 the base64 signature
   * @return whether the signature is valid (false also for malformed input)
   */
  public static boolean verify(String apiKeyBase64, String signingString, String signatureBase64) {
    try {
      byte[] key = Base64.getDecoder().decode(apiKeyBase64);
      byte[] sig = Base64.getDecoder().decode(signatureBase64);
      if (key.length != 32 || sig.length != 64) {
        return false;
      }
      byte[] message = signingString.getBytes(StandardCharsets.UTF_8);
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(key, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(sig);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void appendSorted(StringBuilder sb, Map<?, ?> params) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> e : params.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("parameter names must be strings: " + e.getKey());
      }
      if (e.getValue() != null) {
        sorted.put(key, e.getValue());
      }
    }
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      sb.append('&').append(e.getKey()).append('=').append(Render.value(e.getKey(), e.getValue()));
    }
  }

  @Override
  public String toString() {
    return "BackpackSigner[apiKey=" + apiKey + "]";
  }
}
