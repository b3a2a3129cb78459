package dev.adkstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.AsyncAdkStore;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the single statement of the contract whole: every rule of {@link StoreContractRules} has
 * its text and the three lines in its Javadoc, is implemented by a test of the matching tag, and
 * is listed in the rule table of {@code docs/tck.md}, which lists no other rule. The sources are
 * read from the module directory, where Surefire runs the tests.
 */
class StoreContractRulesTest {
  private static final Path RULES_SOURCE =
      Path.of("src/main/java/dev/adkstore/tck/StoreContractRules.java");
  private static final Path TCK_DOC = Path.of("../docs/tck.md");

  // The tag, the rule id (a group letter and a number), and a summary without underscores.
  private static final Pattern RULE_METHOD =
      Pattern.compile("(required|optional)_([LSETRBWCM][1-9][0-9]?)_[A-Za-z0-9]+");

  private static final List<String> LINES =
      List.of("Verifies:", "Not run when:", "If this fails, check:");

  @Test
  void everyRuleMethodIsNamedByItsTagAndRuleIdAndNoIdIsStatedTwice() {
    List<String> ids = new ArrayList<>();
    for (Method rule : ruleMethods()) {
      assertThat(rule.getName()).as("name of %s", rule).matches(RULE_METHOD);
      assertThat(rule.getParameterCount()).as("parameters of %s", rule.getName()).isZero();
      assertThat(rule.getReturnType()).as("return type of %s", rule.getName())
          .isEqualTo(void.class);
      ids.add(ruleId(rule.getName()));
    }
    assertThat(ids).as("rule ids of StoreContractRules").doesNotHaveDuplicates().isNotEmpty();
  }

  @Test
  void everyRuleMethodHasItsTextAndTheThreeLinesInItsJavadoc() throws IOException {
    String source = read(RULES_SOURCE);
    Map<String, List<String>> problems = new LinkedHashMap<>();
    for (Method rule : ruleMethods()) {
      List<String> found = javadocOf(source, rule.getName())
          .map(javadoc -> problemsOf(ruleId(rule.getName()), javadoc))
          .orElse(List.of("no Javadoc"));
      if (!found.isEmpty()) {
        problems.put(rule.getName(), found);
      }
    }
    assertThat(problems).as("rule methods whose Javadoc is incomplete").isEmpty();
  }

  @Test
  void everyRuleIsImplementedByATestOfItsTagThatNoBackendCanReplace() throws Exception {
    for (Method rule : ruleMethods()) {
      Method test = AsyncAdkStoreTck.class.getDeclaredMethod(rule.getName());
      int modifiers = test.getModifiers();
      assertThat(Modifier.isFinal(modifiers) && !Modifier.isAbstract(modifiers))
          .as("%s is implemented by a final method of AsyncAdkStoreTck", rule.getName()).isTrue();
      assertThat(tagOf(test)).as("the tag of %s", rule.getName())
          .contains(rule.getName().substring(0, rule.getName().indexOf('_')));
    }
  }

  @Test
  void everyTestOfTheTckCarriesTheIdOfARuleAndTheTagOfItsName() {
    List<String> ids = ruleIds();
    List<Method> tests = Arrays.stream(AsyncAdkStoreTck.class.getDeclaredMethods())
        .filter(m -> tagOf(m).isPresent())
        .collect(Collectors.toList());
    assertThat(tests).as("tests of the TCK").hasSizeGreaterThanOrEqualTo(ids.size());
    for (Method test : tests) {
      assertThat(test.getName()).as("name of the test %s", test.getName()).matches(RULE_METHOD);
      assertThat(ids).as("the rule of the test %s", test.getName())
          .contains(ruleId(test.getName()));
      assertThat(test.getName()).as("the name of a test tagged %s", tagOf(test).orElseThrow())
          .startsWith(tagOf(test).orElseThrow() + "_");
    }
  }

  @Test
  void theRuleTableOfTheDocsListsExactlyTheRulesOfTheInterface() throws IOException {
    List<String> listed = ruleIdsInTable(read(TCK_DOC));
    List<String> stated = ruleIds();
    assertThat(listed).as("rule ids in the table of docs/tck.md").doesNotHaveDuplicates();
    assertThat(listed).as("rule ids in the table of docs/tck.md, against StoreContractRules")
        .containsExactlyInAnyOrderElementsOf(stated);
  }

  // The checks themselves must be able to fail: each is shown a broken input here.

  @Test
  void anIncompleteJavadocIsReported() {
    assertThat(problemsOf("S3", "S3. get of an unknown key is empty. <p>Verifies: it. "
        + "<p>Not run when: never. <p>If this fails, check: the filter."))
        .isEmpty();
    assertThat(problemsOf("S3", "S3. get of an unknown key is empty. <p>Verifies: it. "
        + "<p>If this fails, check: the filter."))
        .containsExactly("no paragraph 'Not run when:' as the 3rd",
            "no paragraph 'If this fails, check:' as the 4th");
    assertThat(problemsOf("S3", "S4. Another rule. <p>Verifies: it. <p>Not run when: never. "
        + "<p>If this fails, check:  @throws Exception x"))
        .containsExactly("does not start with 'S3. ' and the rule's text",
            "nothing after 'If this fails, check:'");
    assertThat(problemsOf("S3", "S3. <p>Not run when: never. <p>Verifies: it. "
        + "<p>If this fails, check: x"))
        .contains("does not start with 'S3. ' and the rule's text",
            "no paragraph 'Verifies:' as the 2nd");
  }

  @Test
  void aJavadocIsFoundOnlyRightAboveItsMethod() {
    String source = "  /**\n   * L1. Text.\n   */\n  void required_L1_a() throws Exception;\n\n"
        + "  // no Javadoc\n  void required_L2_b() throws Exception;\n";
    assertThat(javadocOf(source, "required_L1_a")).contains("L1. Text.");
    assertThat(javadocOf(source, "required_L2_b")).isEmpty();
    assertThat(javadocOf(source, "required_L3_c")).isEmpty();
  }

  @Test
  void theRuleTableIsReadUpToItsEnd() {
    String markdown = "intro\n\n| rule | in one line | source |\n|---|---|---|\n"
        + "| L1 | idempotent | contract |\n| S13 | restore | TCK |\n\n"
        + "| other | table |\n|---|---|\n| X1 | not a rule |\n";
    assertThat(ruleIdsInTable(markdown)).containsExactly("L1", "S13");
    assertThat(ruleIdsInTable("no table here")).isEmpty();
  }

  private static List<Method> ruleMethods() {
    return Arrays.stream(StoreContractRules.class.getDeclaredMethods())
        .filter(m -> Modifier.isAbstract(m.getModifiers()))
        .collect(Collectors.toList());
  }

  private static List<String> ruleIds() {
    return ruleMethods().stream().map(m -> ruleId(m.getName())).collect(Collectors.toList());
  }

  private static String ruleId(String methodName) {
    Matcher matcher = RULE_METHOD.matcher(methodName);
    return matcher.matches() ? matcher.group(2) : methodName;
  }

  private static Optional<String> tagOf(Method test) {
    if (test.isAnnotationPresent(RequiredRule.class)) {
      return Optional.of("required");
    }
    if (test.isAnnotationPresent(OptionalRule.class)) {
      return Optional.of("optional");
    }
    return Optional.empty();
  }

  /** The text of the Javadoc comment right above {@code void name(}, without its asterisks. */
  static Optional<String> javadocOf(String source, String name) {
    Matcher method =
        Pattern.compile("\\bvoid\\s+" + Pattern.quote(name) + "\\s*\\(").matcher(source);
    if (!method.find()) {
      return Optional.empty();
    }
    String before = source.substring(0, method.start()).stripTrailing();
    int start = before.lastIndexOf("/**");
    if (!before.endsWith("*/") || start < 0 || before.indexOf("*/", start) != before.length() - 2) {
      return Optional.empty();
    }
    String text = before.substring(start + 3, before.length() - 2).lines()
        .map(line -> line.strip().replaceFirst("^\\*\\s?", ""))
        .collect(Collectors.joining(" "));
    return Optional.of(text.replaceAll("\\s+", " ").strip());
  }

  /**
   * What is wrong with a rule's Javadoc: it must start with the rule id and the rule's text, then
   * have the three lines as the next three paragraphs, in order, each with something to say.
   */
  static List<String> problemsOf(String id, String javadoc) {
    List<String> problems = new ArrayList<>();
    String body = javadoc.split("\\s@[a-z]+\\s", 2)[0];
    String[] paragraphs = body.split("<p>");
    String text = paragraphs[0].strip();
    if (!text.startsWith(id + ". ") || text.length() <= (id + ". ").length()) {
      problems.add("does not start with '" + id + ". ' and the rule's text");
    }
    String[] ordinals = {"2nd", "3rd", "4th"};
    for (int i = 0; i < LINES.size(); i++) {
      String line = LINES.get(i);
      String paragraph = paragraphs.length > i + 1 ? paragraphs[i + 1].strip() : "";
      if (!paragraph.startsWith(line)) {
        problems.add("no paragraph '" + line + "' as the " + ordinals[i]);
      } else if (paragraph.substring(line.length()).isBlank()) {
        problems.add("nothing after '" + line + "'");
      }
    }
    return problems;
  }

  /** The first cells of the table whose header starts with {@code | rule |}. */
  static List<String> ruleIdsInTable(String markdown) {
    List<String> ids = new ArrayList<>();
    List<String> lines = markdown.lines().collect(Collectors.toList());
    int header = -1;
    for (int i = 0; i < lines.size() && header < 0; i++) {
      if (lines.get(i).startsWith("| rule |")) {
        header = i;
      }
    }
    // Rows start after the header's separator line and end at the first line that is not a row.
    for (int i = header + 2; header >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
      ids.add(lines.get(i).split("\\|")[1].strip());
    }
    return ids;
  }

  private static String read(Path file) throws IOException {
    assertThat(file).as("read from the module directory, where Surefire runs the tests")
        .isRegularFile();
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * Compiles only if {@link AsyncAdkStoreTck} implements every rule of {@link StoreContractRules}:
   * the TCK is abstract, so a rule without a test would otherwise show only in the backends. Never
   * run: JUnit runs no private class.
   */
  private static final class EveryRuleHasATest extends AsyncAdkStoreTck {
    @Override
    protected AsyncAdkStore newStore(TckStoreOptions options) {
      throw new UnsupportedOperationException("only compiled, never run");
    }
  }
}
