package dev.nanpin.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackpackSignerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String SEED1 = "PIW1OPaxmwBx1JH4Ir9ge1r2Za+Jxt+Wz6YIctUebmM=";
  static final String PUB1 = "lM+4ANr5Lrf6l+0XWuKB3S9V+3V0jj6lr9CFmzjd7U4=";

  static JsonNode vectors() throws IOException {
    try (InputStream in = BackpackSignerTest.class.getResourceAsStream("/backpack/sign-vectors.json")) {
      return MAPPER.readTree(in);
    }
  }

  static Stream<Arguments> signingVectors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode v : vectors().get("vectors")) {
      out.add(Arguments.of(v.get("name").asText(), v));
    }
    return out.stream();
  }

  /** JSON params to the Java values a caller passes: strings, longs, booleans, lists of maps. */
  static Object params(JsonNode p) {
    if (p == null || p.isNull()) {
      return null;
    }
    if (p.isArray()) {
      List<Object> list = new ArrayList<>();
      p.forEach(e -> list.add(params(e)));
      return list;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    p.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      m.put(e.getKey(), v.isBoolean() ? (Object) v.asBoolean() : v.isIntegralNumber() ? (Object) v.asLong() : v.asText());
    });
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signingVectors")
  void reproducesEveryVector(String name, JsonNode v) {
    JsonNode in = v.get("input");
    JsonNode expected = v.get("expected");
    BackpackSigner signer = BackpackSigner.fromSecret(in.get("secretBase64").asText());
    Object params = params(in.get("params"));
    String s = signer.signingString(in.get("instruction").asText(), params, in.get("timestamp").asLong(),
        in.get("window").asLong());
    assertThat(s).isEqualTo(expected.get("signingString").asText());
    if (v.has("documentedSigningString")) {
      assertThat(s).isEqualTo(v.get("documentedSigningString").asText());
    }
    String sig = signer.sign(in.get("instruction").asText(), params, in.get("timestamp").asLong(), in.get("window").asLong());
    assertThat(sig).isEqualTo(expected.get("signatureBase64").asText());
    assertThat(signer.apiKey()).isEqualTo(expected.get("headers").get("X-API-Key").asText());
    assertThat(BackpackSigner.verify(signer.apiKey(), s, sig)).isTrue();
  }

  @Test
  void allSixVectorsArePresent() throws IOException {
    assertThat(vectors().get("vectors")).hasSize(6);
  }

  @Test
  void keysOfTheVectorFileDeriveTheirPublicKeys() throws IOException {
    JsonNode keys = vectors().get("keys");
    for (JsonNode k : keys) {
      assertThat(BackpackSigner.fromSecret(k.get("seedBase64").asText()).apiKey())
          .isEqualTo(k.get("publicKeyBase64").asText());
    }
    assertThat(BackpackSigner.fromSecret(keys.get("key1").get("secret64Base64").asText()).apiKey()).isEqualTo(PUB1);
  }

  @Test
  void sixtyFourByteSecretWithAForeignPublicHalfIsRefused() {
    byte[] seed = Base64.getDecoder().decode(SEED1);
    byte[] other = Base64.getDecoder().decode("j9SOP08JKojzqA0sHEK24gLAXNUpx/sKS3DhgXlFRcg=");
    byte[] both = new byte[64];
    System.arraycopy(seed, 0, both, 0, 32);
    System.arraycopy(other, 0, both, 32, 32);
    String secret = Base64.getEncoder().encodeToString(both);
    assertThatThrownBy(() -> BackpackSigner.fromSecret(secret))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not the public key")
        .hasMessageNotContaining(secret).hasMessageNotContaining(SEED1);
  }

  @Test
  void badSecretsFailWithoutEchoingTheSecret() {
    String shortSecret = Base64.getEncoder().encodeToString(new byte[31]);
    assertThatThrownBy(() -> BackpackSigner.fromSecret(shortSecret))
        .isInstanceOf(ConfigException.class).hasMessageContaining("31 bytes").hasMessageNotContaining(shortSecret);
    assertThatThrownBy(() -> BackpackSigner.fromSecret("not base64 !!secret!!"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not valid base64")
        .hasMessageNotContaining("secret!!");
    assertThatThrownBy(() -> BackpackSigner.fromSecret(" ")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> BackpackSigner.fromSecret(null)).isInstanceOf(ConfigException.class);
  }

  @Test
  void toStringShowsThePublicKeyOnly() {
    BackpackSigner s = BackpackSigner.fromSecret(SEED1);
    assertThat(s.toString()).contains(PUB1).doesNotContain(SEED1);
  }

  @Test
  void rendersValuesLikeTheOfficialClientAndSkipsNulls() {
    BackpackSigner s = BackpackSigner.fromSecret(SEED1);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("quantity", new java.math.BigDecimal("0.50"));
    p.put("postOnly", false);
    p.put("clientId", 4294967295L);
    p.put("price", null);
    assertThat(s.signingString("orderExecute", p, 1, 60_000))
        .isEqualTo("instruction=orderExecute&clientId=4294967295&postOnly=false&quantity=0.50&timestamp=1&window=60000");
    assertThat(s.signingString("balanceQuery", Map.of(), 5, 5000))
        .isEqualTo("instruction=balanceQuery&timestamp=5&window=5000");
  }

  @Test
  void refusesFloatsBadWindowsAndBadParams() {
    BackpackSigner s = BackpackSigner.fromSecret(SEED1);
    assertThatThrownBy(() -> s.signingString("orderExecute", Map.of("price", 0.1), 1, 5000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as strings");
    assertThatThrownBy(() -> s.signingString("x", null, 1, 60_001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.signingString("x", null, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.signingString("x", "a=b", 1, 5000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.signingString("x", List.of(), 1, 5000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifyRejectsTamperedInput() {
    BackpackSigner s = BackpackSigner.fromSecret(SEED1);
    String sig = s.sign("balanceQuery", null, 1, 5000);
    assertThat(BackpackSigner.verify(PUB1, "instruction=balanceQuery&timestamp=2&window=5000", sig)).isFalse();
    assertThat(BackpackSigner.verify(PUB1, "x", "not base64")).isFalse();
  }
}
