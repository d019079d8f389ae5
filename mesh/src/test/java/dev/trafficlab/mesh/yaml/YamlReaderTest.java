package dev.trafficlab.mesh.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.mesh.model.Pos;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  @Test
  void readsEveryDocumentAndIgnoresEmptyOnes() {
    List<YamlDocument> docs = YamlReader.read("a: 1\n---\n---\n# only a comment\n---\nb: 2\n---\n");
    assertThat(docs).hasSize(2);
    assertThat(((YamlNode.Mapping) docs.get(1).root()).value("b"))
        .isEqualTo(new YamlNode.Scalar(2L, new Pos(6, 4)));
    assertThat(docs.get(1).firstLine()).isEqualTo(6);
  }

  @Test
  void acceptsJsonAsKubectlDoes() {
    List<YamlDocument> docs =
        YamlReader.read("{\"kind\": \"VirtualService\", \"spec\": {\"hosts\": [\"a\"]}}");
    YamlNode.Mapping root = (YamlNode.Mapping) docs.get(0).root();
    assertThat(((YamlNode.Scalar) root.value("kind")).value()).isEqualTo("VirtualService");
  }

  @Test
  void keepsOneBasedLineAndColumnOfEveryNode() {
    YamlNode.Mapping root =
        (YamlNode.Mapping) YamlReader.read("metadata:\n  name: reviews\n").get(0).root();
    YamlNode.Mapping meta = (YamlNode.Mapping) root.value("metadata");
    assertThat(meta.value("name").pos()).isEqualTo(new Pos(2, 9));
    assertThat(meta.get("name").keyPos()).isEqualTo(new Pos(2, 3));
  }

  @Test
  void typesPlainScalarsLikeGoYamlV2() {
    YamlNode.Mapping root =
        (YamlNode.Mapping)
            YamlReader.read(
                    "a: yes\nb: \"yes\"\nc: 50.0\nd: 0.5\ne: ~\nf: 7s\ng: 0x1F\nh: on\ni: v1\n")
                .get(0)
                .root();
    assertThat(((YamlNode.Scalar) root.value("a")).value()).isEqualTo(true);
    assertThat(((YamlNode.Scalar) root.value("b")).value()).isEqualTo("yes");
    assertThat(((YamlNode.Scalar) root.value("c")).value()).isEqualTo(50L);
    assertThat(((YamlNode.Scalar) root.value("d")).value()).isEqualTo(0.5);
    assertThat(((YamlNode.Scalar) root.value("e")).value()).isNull();
    assertThat(((YamlNode.Scalar) root.value("f")).value()).isEqualTo("7s");
    assertThat(((YamlNode.Scalar) root.value("g")).value()).isEqualTo(31L);
    assertThat(((YamlNode.Scalar) root.value("h")).value()).isEqualTo(true);
    assertThat(((YamlNode.Scalar) root.value("i")).value()).isEqualTo("v1");
  }

  @Test
  void refusesBillionLaughs() {
    StringBuilder b =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i == 0 ? "" : ",").append('*').append(p);
      }
      b.append("]\n");
    }
    assertThatThrownBy(() -> YamlReader.read(b.toString()))
        .isInstanceOf(YamlSyntaxException.class)
        .hasMessageContaining("excessive aliasing");
  }

  @Test
  void keepsModestAliasesAndMergeKeys() {
    YamlNode.Mapping root =
        (YamlNode.Mapping)
            YamlReader.read("base: &b {host: reviews}\nuse: {<<: *b, subset: v1}\n").get(0).root();
    YamlNode.Mapping use = (YamlNode.Mapping) root.value("use");
    assertThat(((YamlNode.Scalar) use.value("host")).value()).isEqualTo("reviews");
    assertThat(((YamlNode.Scalar) use.value("subset")).value()).isEqualTo("v1");
  }

  @Test
  void refusesDeepNesting() {
    String deep = "a: " + "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> YamlReader.read(deep))
        .isInstanceOf(YamlSyntaxException.class)
        .hasMessageContaining("exceeded max depth of " + YamlReader.MAX_DEPTH);
  }

  @Test
  void refusesHugeInput() {
    String huge = "a: \"" + "x".repeat(YamlReader.MAX_CHARS) + "\"";
    assertThatThrownBy(() -> YamlReader.read(huge))
        .isInstanceOf(YamlSyntaxException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void refusesCustomTagsInsteadOfConstructingObjects() {
    assertThatThrownBy(() -> YamlReader.read("a: !!javax.script.ScriptEngineManager [x]"))
        .isInstanceOf(YamlSyntaxException.class)
        .hasMessageContaining("custom tag");
    assertThatThrownBy(() -> YamlReader.read("a: !Ref foo"))
        .isInstanceOf(YamlSyntaxException.class)
        .hasMessageContaining("custom tag !Ref is not allowed");
  }

  @Test
  void reportsMappingErrorsInGoYamlWordsWithKubectlLineNumbers() {
    assertThatThrownBy(() -> YamlReader.read("apiVersion: v1\nkind: x\nmetadata: name: a\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> {
              assertThat(e.goMessage())
                  .isEqualTo("yaml: line 3: mapping values are not allowed in this context");
              assertThat(e.pos().line()).isEqualTo(3);
            });
  }

  @Test
  void reportsLinesRelativeToTheDocumentAsKubectlDoesButKeepsAbsolutePositions() {
    assertThatThrownBy(() -> YamlReader.read("a: 1\n---\nb: 2\nc: d: e\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> {
              assertThat(e.goMessage())
                  .isEqualTo("yaml: line 2: mapping values are not allowed in this context");
              assertThat(e.pos().line()).isEqualTo(4);
            });
  }

  @Test
  void reportsTabsAsGoYamlDoes() {
    assertThatThrownBy(() -> YamlReader.read("spec:\n\thosts: [a]\n"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> assertThat(e.goMessage()).endsWith("found character that cannot start any token"));
  }

  @Test
  void turnsGarbageIntoASyntaxErrorNeverAnotherException() {
    for (String garbage :
        List.of(
            "{{{{",
            "]]]",
            "a: [1, 2",
            "\"unterminated",
            "- a\nb: c",
            "key: 'x\n",
            "@foo",
            "a: *missing",
            "? [a]\n: b",
            "\u0000\u0001",
            "%YAML 9.9\n---\na: 1",
            "a:\n  - b\n c: d")) {
      try {
        YamlReader.read(garbage);
      } catch (YamlSyntaxException e) {
        assertThat(e.goMessage()).matches("(?s)(yaml: |json: |unexpected EOF).*");
        assertThat(e.pos()).isNotNull();
      }
    }
  }

  @Test
  void keepsDuplicateKeysAndResolvesToTheLastAsKubectlDoes() {
    YamlNode.Mapping root = (YamlNode.Mapping) YamlReader.read("a: 1\na: 2\n").get(0).root();
    assertThat(root.entries()).hasSize(2);
    assertThat(((YamlNode.Scalar) root.value("a")).value()).isEqualTo(2L);
  }

  @Test
  void readsAStreamOfJsonValuesWithPositions() {
    List<YamlDocument> docs = YamlReader.read("{\"a\": 1}\n  {\"b\":\n    [true]}\n");
    assertThat(docs).hasSize(2);
    YamlNode.Mapping second = (YamlNode.Mapping) docs.get(1).root();
    assertThat(second.value("b").pos()).isEqualTo(new Pos(3, 5));
  }

  @Test
  void reportsJsonSyntaxErrorsInGoWords() {
    assertThatThrownBy(() -> YamlReader.read("{\"kind\": \"VirtualService\",\n \"spec\": {,}}"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e -> {
              assertThat(e.kubectlMessage("STDIN"))
                  .isEqualTo(
                      "error parsing STDIN: json: line 2: invalid character ',' "
                          + "looking for beginning of object key string");
              assertThat(e.pos()).isEqualTo(new Pos(2, 11));
            });
    assertThatThrownBy(() -> YamlReader.read("{\"a\": tru}"))
        .hasMessageContaining("invalid character '}' in literal true (expecting 'e')");
    assertThatThrownBy(() -> YamlReader.read("{\"a\": [1, 2"))
        .isInstanceOfSatisfying(
            YamlSyntaxException.class,
            e ->
                assertThat(e.kubectlMessage("f.json"))
                    .isEqualTo("error parsing f.json: unexpected EOF"));
  }
}
