package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PlanCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void printsTheSpotPlanOfTheDefaults() {
    int code = run("plan", "--strategy", "nanpin", "--balance", "151.16", "--price", "100000");
    assertThat(code).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text).contains("spot", "100000.00", "98000.00", "check: accepted");
    assertThat(text.lines().filter(l -> l.matches("\\s+[1-5] .*"))).hasSize(5);
  }

  @Test
  void refusesALadderThatWouldBeLiquidatedAndExitsNonZero() {
    int code = run("plan", "--balance", "151.16", "--price", "100000", "--set", "leverage=20",
        "--margin-mode", "isolated");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("check: REFUSED");
    assertThat(err.toString()).contains("plan refused").contains("liquidated").contains("level");
  }

  @Test
  void printsJson() throws Exception {
    int code = run("plan", "--balance", "1000", "--price", "100000", "--set", "leverage=2", "--set", "levels=4",
        "--maker-fee", "0.0002", "--taker-fee", "0.0005", "--json");
    assertThat(code).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("market").asText()).isEqualTo("perp");
    assertThat(json.get("accepted").asBoolean()).isTrue();
    assertThat(json.get("levels")).hasSize(4);
    assertThat(json.get("levels").get(3).get("liquidationPrice").asDouble()).isLessThan(
        json.get("levels").get(3).get("price").asDouble());
  }

  @Test
  void anUnknownParameterIsNamed() {
    int code = run("plan", "--balance", "100", "--price", "100", "--set", "stepp=0.1");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("stepp");
  }

  @Test
  void aBadBalanceIsAClearError() {
    int code = run("plan", "--balance", "-5", "--price", "100");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("balance");
  }

  @Test
  void fibonacciNeedsTheSwing() {
    assertThat(run("plan", "--balance", "100", "--price", "100", "--set", "levelMode=fibonacci")).isEqualTo(1);
    assertThat(err.toString()).contains("--swing-high");
    out.getBuffer().setLength(0);
    assertThat(run("plan", "--balance", "100", "--price", "110", "--set", "levelMode=fibonacci",
        "--swing-high", "120", "--swing-low", "80")).isZero();
    assertThat(out.toString()).contains("104.72", "88.56");
  }
}
