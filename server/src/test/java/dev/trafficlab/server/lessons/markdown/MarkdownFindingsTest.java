package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.lessons.markdown.MarkdownFindings.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What check-lessons tells an author about a page's markers and placeholders. */
class MarkdownFindingsTest {
  @Test
  void unknownMarkersAndPlaceholdersAreNamedWithTheirLine() {
    List<MarkdownFindings> f =
        MarkdownFindings.of("ok `ls`{{exec}}\n`x`{{run}} and [[HOST3_IP]]\n");
    assertThat(f)
        .extracting(Object::toString)
        .containsExactly(
            "line 2: {{run}} is no marker Traffic Lab knows: it shows as written",
            "line 2: [[HOST3_IP]] is no placeholder Traffic Lab maps: it shows as written");
    assertThat(f).extracting(MarkdownFindings::level).containsOnly(Level.UNKNOWN);
  }

  @Test
  void partlyUnderstoodMarkersAreNotes() {
    List<MarkdownFindings> f =
        MarkdownFindings.of(
            "`hostname`{{execute HOST2}} `k get vs`{{execute T2 list}}\n"
                + "[Grafana](https://[[HOST_SUBDOMAIN]]-3000-[[KATACODA_HOST]].environments.katacoda.com/)"
                + " [ok](https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/)"
                + " [k]({{TRAFFIC_HOST2_20001}})\n"
                + "<pre class=\"file\" data-filename=\"a\" data-target=\"overwrite\">x</pre>\n");
    assertThat(f)
        .extracting(Object::toString)
        .containsExactly(
            "line 1: {{execute HOST2}} runs on the lab's one host (the button says so)",
            "line 1: \"list\" in {{execute T2 list}} is kept as the snippet's name; it changes nothing",
            "line 2: {{TRAFFIC_HOST2_20001}} names a second host: the lab has one, so it is host 1",
            "line 2: port 3000 is not served by the lab: links lead to a page saying so"
                + " (/lab/ports/3000), commands find nothing there",
            "line 2: port 20001 is not served by the lab: links lead to a page saying so"
                + " (/lab/ports/20001), commands find nothing there",
            "line 3: data-target=\"overwrite\" is none of replace, append, prepend, insert, clipboard:"
                + " the block replaces the file");
  }

  @Test
  void thePageWithEveryMarkerHasOnlyTheNotesItMeans() throws Exception {
    String page = Files.readString(Path.of("src/test/resources/katacoda-markers/page.md"));
    assertThat(MarkdownFindings.of(page))
        .extracting(MarkdownFindings::level)
        .containsOnly(Level.NOTE);
  }
}
