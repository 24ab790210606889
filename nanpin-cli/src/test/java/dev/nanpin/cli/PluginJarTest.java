package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds a third-party strategy plugin jar at test time and finds it through --plugin-path. */
class PluginJarTest {
  @TempDir
  Path dir;

  private static final String SOURCE = """
      package acme.plugins;

      import dev.nanpin.OrderIntent;
      import dev.nanpin.Strategy;
      import dev.nanpin.StrategyContext;
      import dev.nanpin.spi.ConfigSpec;
      import dev.nanpin.spi.PluginConfig;
      import dev.nanpin.spi.StrategyProvider;

      public final class BuyTheOpenProvider implements StrategyProvider {
        @Override public String id() { return "buy-the-open"; }
        @Override public String description() { return "Buys a fixed quote amount on the first bar"; }
        @Override public ConfigSpec configSpec() {
          return ConfigSpec.builder().doubleParam("quote", 100, 1, 1e6, "quote to spend").build();
        }
        @Override public Strategy create(PluginConfig config) {
          double quote = config.getDouble("quote");
          return (StrategyContext ctx) -> { if (ctx.index() == 0) ctx.submit(OrderIntent.buyQuote(quote)); };
        }
      }
      """;

  private Path buildPluginJar() throws IOException {
    Path src = dir.resolve("src/acme/plugins/BuyTheOpenProvider.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-classpath",
        System.getProperty("java.class.path"), src.toString());
    assertThat(rc).as("javac exit code").isZero();

    Path jar = dir.resolve("buy-the-open.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/dev.nanpin.spi.StrategyProvider"));
      OutputStream o = out;
      o.write("acme.plugins.BuyTheOpenProvider\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void aPluginJarOnThePluginPathIsListed() throws IOException {
    Path jar = buildPluginJar();
    CliRunner without = CliRunner.run("plugins");
    assertThat(without.out()).doesNotContain("buy-the-open");

    CliRunner with = CliRunner.run("--plugin-path", jar.toString(), "plugins", "--params");
    assertThat(with.code()).isZero();
    assertThat(with.out()).contains("buy-the-open").contains("Buys a fixed quote amount on the first bar")
        .contains("quote");
  }

  @Test
  void aDirectoryOfJarsWorksToo() throws IOException {
    Path jar = buildPluginJar();
    Path pluginsDir = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(jar, pluginsDir.resolve(jar.getFileName()));
    CliRunner r = CliRunner.run("plugins", "--json", "--plugin-path", pluginsDir.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"id\" : \"buy-the-open\"");
    assertThat(List.of(r.err())).allSatisfy(e -> assertThat(e).isEmpty());
  }
}
