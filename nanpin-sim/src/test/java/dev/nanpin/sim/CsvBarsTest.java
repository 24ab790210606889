package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.DataException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CsvBarsTest {
  private static BarData parse(String text) throws Exception {
    return CsvBars.read(new StringReader(text), "bars.csv");
  }

  @Test
  void readsIsoAndEpochMillisWithColumnsFoundByName() throws Exception {
    BarData d = parse("""
        volume,close,low,high,open,timestamp,extra
        1.5,101,99,102,100,2020-01-01T00:00:00Z,x

        2,103,100,104,101,1577840400000,y
        0,103,103,103,103,2020-01-01T05:00:00Z,z
        """);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.timeMillis(1)).isEqualTo(1_577_840_400_000L);
    assertThat(d.open(0)).isEqualTo(100);
    assertThat(d.high(1)).isEqualTo(104);
    assertThat(d.low(0)).isEqualTo(99);
    assertThat(d.close(1)).isEqualTo(103);
    assertThat(d.volume(0)).isEqualTo(1.5);
    assertThat(d.intervalMillis()).isEqualTo(3_600_000L);
    assertThat(d.gaps()).isEqualTo(1);
    assertThat(d.missingBars()).isEqualTo(3);
  }

  @Test
  void badRowsFailWithFileLineAndReason() {
    String head = "timestamp,open,high,low,close,volume\n2020-01-01T00:00:00Z,100,101,99,100,1\n";
    assertFails(head + "2020-01-01T01:00:00Z,100,101,99,abc,1\n", "bars.csv:3: close 'abc' is not a number");
    assertFails(head + "2020-01-01T01:00:00Z,100,101,99\n", "bars.csv:3: expected 6 fields");
    assertFails(head + "2020-01-01T01:00:00Z,100,99,98,100,1\n", "bars.csv:3: high 99.0 is below");
    assertFails(head + "2020-01-01T01:00:00Z,0,101,99,100,1\n", "bars.csv:3: prices must be finite and > 0");
    assertFails(head + "2020-01-01T01:00:00Z,100,101,99,NaN,1\n", "bars.csv:3: close 'NaN' is not a finite number");
    assertFails(head + "2020-01-01T00:00:00Z,100,101,99,100,1\n", "bars.csv:3: time 2020-01-01T00:00:00Z is not after");
    assertFails(head + "yesterday,100,101,99,100,1\n", "bars.csv:3: timestamp 'yesterday' is neither");
    assertFails(head + "2020-01-01T01:00:00Z,100,101,99,100,-1\n", "bars.csv:3: volume must be finite and >= 0");
    assertFails("time,open,high,low,close,volume\n", "bars.csv:1: header lacks column 'timestamp'");
    assertFails("timestamp,open,high,low,close,volume\n", "no bars after the header");
  }

  private static void assertFails(String text, String message) {
    assertThatThrownBy(() -> parse(text)).isInstanceOf(DataException.class).hasMessageContaining(message);
  }

  @Test
  void readsTheSharedHourlyHistory() {
    Path file = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data", "btc-usdt-1h.csv");
    Assumptions.assumeTrue(Files.isRegularFile(file), "shared data absent: " + file);
    BarData d = CsvBars.read(file);
    assertThat(d.size()).isEqualTo(35_013);
    assertThat(d.fingerprint()).isEqualTo("979295015368ca25");
    assertThat(d.close(0)).isEqualTo(48963.69);
    assertThat(d.close(d.size() - 1)).isEqualTo(112872.94);
    assertThat(d.gaps()).isEqualTo(2);
    assertThat(d.missingBars()).isEqualTo(3);
  }

  @Test
  void missingFileIsADataException() {
    assertThatThrownBy(() -> CsvBars.read(Path.of("no-such-file.csv")))
        .isInstanceOf(DataException.class).hasMessage("no-such-file.csv: file not found");
  }
}
