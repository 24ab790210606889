package dev.nanpin.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class BackpackSignerProperties {

  @Provide
  Arbitrary<Map<String, Object>> params() {
    Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<Object> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
        Arbitraries.longs().between(0, 4_294_967_295L).map(l -> (Object) l),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.bigDecimals().between(java.math.BigDecimal.ZERO, new java.math.BigDecimal("1000000"))
            .ofScale(4).map(d -> (Object) d.toPlainString()));
    return Arbitraries.maps(keys, values).ofMaxSize(8);
  }

  @Provide
  Arbitrary<byte[]> seeds() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32);
  }

  @Property(tries = 150)
  void signThenVerifyRoundTrips(@ForAll("seeds") byte[] seed, @ForAll("params") Map<String, Object> params,
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long ts,
      @ForAll @LongRange(min = 1, max = 60_000) long window) {
    BackpackSigner signer = BackpackSigner.fromSecret(Base64.getEncoder().encodeToString(seed));
    String text = signer.signingString("orderExecute", params, ts, window);
    String sig = signer.sign("orderExecute", params, ts, window);
    assertThat(BackpackSigner.verify(signer.apiKey(), text, sig)).isTrue();
    // the string is the instruction, the sorted pairs, then timestamp and window
    assertThat(text).startsWith("instruction=orderExecute").endsWith("&timestamp=" + ts + "&window=" + window);
    List<String> keys = new ArrayList<>(params.keySet());
    keys.sort(null);
    StringBuilder expected = new StringBuilder("instruction=orderExecute");
    for (String k : keys) {
      expected.append('&').append(k).append('=').append(params.get(k));
    }
    assertThat(text).isEqualTo(expected + "&timestamp=" + ts + "&window=" + window);
    // and the signature covers every byte of it
    String tampered = text.replace("&timestamp=" + ts, "&timestamp=" + (ts + 1));
    assertThat(BackpackSigner.verify(signer.apiKey(), tampered, sig)).isFalse();
  }

  @Property(tries = 50)
  void sixtyFourByteFormSignsLikeTheSeed(@ForAll("seeds") byte[] seed) {
    BackpackSigner bySeed = BackpackSigner.fromSecret(Base64.getEncoder().encodeToString(seed));
    byte[] both = Arrays.copyOf(seed, 64);
    System.arraycopy(Base64.getDecoder().decode(bySeed.apiKey()), 0, both, 32, 32);
    BackpackSigner byBoth = BackpackSigner.fromSecret(Base64.getEncoder().encodeToString(both));
    assertThat(byBoth.apiKey()).isEqualTo(bySeed.apiKey());
    assertThat(byBoth.sign("x", null, 1, 5000)).isEqualTo(bySeed.sign("x", null, 1, 5000));
  }
}
