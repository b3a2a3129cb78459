package dev.adkstore.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.JsonBaseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The build's dependency promises that nothing else checks: the Jackson this project pins is the
 * one ADK declares, and the BOM lists every published module.
 *
 * <p>The Jackson check compares versions instead of running maven-enforcer's dependencyConvergence
 * rule, because ADK's own dependency tree does not converge (its Google Cloud and gRPC libraries
 * bring several versions of the same artifacts), so that rule fails whatever this project pins.
 * ADK's version is read from the pom published next to the google-adk jar in the Maven repository:
 * the pom inside the jar leaves versions to ADK's parent pom.
 */
class DependencyAlignmentTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void theJacksonOnTheClasspathIsTheJacksonAdkDeclares() throws Exception {
    Map<String, String> declaredByAdk = jacksonDeclaredByAdk();
    Map<String, String> onClasspath = new LinkedHashMap<>();
    onClasspath.put(
        "jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    onClasspath.put(
        "jackson-datatype-jsr310",
        com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString());
    onClasspath.put(
        "jackson-datatype-jdk8",
        com.fasterxml.jackson.datatype.jdk8.PackageVersion.VERSION.toString());

    assertThat(declaredByAdk).containsKey("jackson-databind");
    onClasspath.forEach(
        (artifact, version) ->
            assertThat(version).as(artifact).isEqualTo(declaredByAdk.get(artifact)));
    assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString())
        .as("jackson-core, which ADK leaves to jackson-databind")
        .isEqualTo(declaredByAdk.get("jackson-databind"));
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Document parent = parse(ROOT.resolve("pom.xml"));
    Document bom = parse(ROOT.resolve("adk-store-bom").resolve("pom.xml"));
    List<String> published = new ArrayList<>(texts(parent, "module"));
    published.removeAll(List.of("adk-benchmarks", "adk-store-bom"));

    Map<String, String> managed = dependencies(bom, "dependencyManagement");

    assertThat(managed.keySet()).containsExactlyInAnyOrderElementsOf(published);
    assertThat(managed.values()).containsOnly("${project.version}");
    assertThat(childText(bom.getDocumentElement(), "version"))
        .isEqualTo(childText(parent.getDocumentElement(), "version"));
  }

  private static Map<String, String> jacksonDeclaredByAdk() throws Exception {
    Path jar =
        Path.of(JsonBaseModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String name = jar.getFileName().toString();
    Path pom = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".pom");
    Map<String, String> jackson = new LinkedHashMap<>();
    dependencies(parse(pom), "project")
        .forEach(
            (artifact, version) -> {
              if (artifact.startsWith("jackson-")) {
                jackson.put(artifact, version);
              }
            });
    return jackson;
  }

  /** artifactId to version of the dependencies directly under the given element's children. */
  private static Map<String, String> dependencies(Document pom, String owner) {
    Map<String, String> versions = new LinkedHashMap<>();
    Element root = pom.getDocumentElement();
    Element scope = owner.equals("project") ? root : child(root, owner);
    Element list = child(scope, "dependencies");
    for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element dependency && dependency.getTagName().equals("dependency")) {
        versions.put(childText(dependency, "artifactId"), childText(dependency, "version"));
      }
    }
    return versions;
  }

  private static List<String> texts(Document pom, String tag) {
    List<String> texts = new ArrayList<>();
    var nodes = pom.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().strip());
    }
    return texts;
  }

  private static Element child(Element parent, String tag) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(tag)) {
        return element;
      }
    }
    throw new AssertionError("no <" + tag + "> in <" + parent.getTagName() + ">");
  }

  private static String childText(Element parent, String tag) {
    return child(parent, tag).getTextContent().strip();
  }

  private static Document parse(Path file) throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no file " + file.toAbsolutePath());
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }
}
