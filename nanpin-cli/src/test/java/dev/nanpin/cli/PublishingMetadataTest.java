package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What Maven Central's validation asks of every published POM (name, description, url, licenses,
 * developers, scm; inherited from the parent where a module has one), the LICENSE file, the
 * reproducible-build timestamp and the release profile. Signing is the publisher's step.
 */
class PublishingMetadataTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Element pom(Path file) throws Exception {
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    return d.getDocumentElement();
  }

  private static String text(Element e, String tag) {
    for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        return c.getTextContent().strip();
      }
    }
    return null;
  }

  @Test
  void everyPublishedPomCarriesWhatCentralRequires() throws Exception {
    assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License").contains("Version 2.0");
    Element parent = pom(ROOT.resolve("pom.xml"));
    for (Element p : List.of(parent, pom(ROOT.resolve("nanpin-bom/pom.xml")))) {
      assertThat(text(p, "url")).startsWith("https://");
      assertThat(p.getElementsByTagName("license").getLength()).isEqualTo(1);
      assertThat(p.getElementsByTagName("license").item(0).getTextContent()).contains("Apache-2.0");
      assertThat(p.getElementsByTagName("developer").item(0).getTextContent()).contains("The nanpin project");
      assertThat(p.getElementsByTagName("scm").item(0).getTextContent()).contains("scm:git:");
    }
    assertThat(parent.getElementsByTagName("project.build.outputTimestamp").item(0).getTextContent()).matches("\\d{4}-.*Z");
    assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<id>release</id>").contains("requireReleaseVersion");
    for (String module : text(parent, "modules") == null ? List.<String>of() : List.of(
        parent.getElementsByTagName("modules").item(0).getTextContent().strip().split("\\s+"))) {
      Element m = pom(ROOT.resolve(module).resolve("pom.xml"));
      assertThat(text(m, "name")).as(module + " name").isNotBlank();
      assertThat(text(m, "description")).as(module + " description").isNotBlank();
    }
  }
}
