package dev.trafficlab.server.lessons.imports;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * The images an imported scenario's pages show from its own folder, read when it loads and served
 * by the lab at {@code /lessons/<id>/assets/<path>}. Only PNG, JPEG, GIF and WebP are kept, and
 * only when the bytes are what the name says: an uploaded scenario is untrusted, and an SVG or an
 * HTML file under an image's name could run scripts on the lab's origin. Paths are plain segments
 * below the folder; what is not served is reported.
 */
public final class ScenarioImages {
  public static final ScenarioImages NONE = new ScenarioImages(Map.of());

  /** One image a scenario's pages may show; {@code etag} is a digest of its bytes. */
  public record Image(byte[] bytes, String contentType, String etag) {}

  /** An image's size limit, as Katacoda's for a file. */
  static final long MAX_IMAGE_BYTES = 1024 * 1024;

  /** All images of one scenario together: a lab's memory is shared by every scenario. */
  static final long MAX_TOTAL_BYTES = 8 * 1024 * 1024;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "webp");

  private final Map<String, Image> byPath;

  private ScenarioImages(Map<String, Image> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  /**
   * The image at a path of the scenario folder, as the URL after {@code /assets/} names it (raw,
   * not decoded: only names the loader stored match).
   */
  public Optional<Image> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  public Set<String> paths() {
    return byPath.keySet();
  }

  /** Where the lab serves an image of a scenario. */
  public static String url(String lessonId, String path) {
    return "/lessons/" + lessonId + "/assets/" + path;
  }

  /** Collects the images of one scenario while its pages are read. */
  public static final class Builder {
    private final String lessonId;
    private final Path folder;
    private final ScenarioReport.Builder report;
    private final Map<String, Image> images = new TreeMap<>();
    private long total;

    public Builder(String lessonId, Path folder, ScenarioReport.Builder report) {
      this.lessonId = lessonId;
      this.folder = folder.toAbsolutePath().normalize();
      this.report = report;
    }

    public ScenarioImages build() {
      return images.isEmpty() ? NONE : new ScenarioImages(images);
    }

    /**
     * Points a rendered page's relative {@code <img src>} (and relative links to an image) at the
     * lab's copy of the image.
     *
     * @param pageFile the page's Markdown file, relative to the scenario folder (its folder is
     *     where relative names start; the scenario folder is tried next)
     */
    public String rewrite(String html, String pageFile, String where) {
      if (!html.contains("<img") && !html.contains("<a ")) {
        return html;
      }
      Document doc = Jsoup.parseBodyFragment(html);
      boolean changed = false;
      for (Element img : doc.body().select("img[src]")) {
        String src = img.attr("src");
        if (relative(src)) {
          Optional<String> served = serve(src, pageFile, where, "image");
          if (served.isPresent()) {
            img.attr("src", served.get());
            changed = true;
          }
        }
      }
      for (Element a : doc.body().select("a[href]")) {
        String href = a.attr("href");
        if (!relative(href)) {
          continue;
        }
        if (EXTENSIONS.contains(extension(withoutQuery(href)))
            || withoutQuery(href).toLowerCase(Locale.ROOT).endsWith(".svg")) {
          Optional<String> served = serve(href, pageFile, where, "link to");
          if (served.isPresent()) {
            a.attr("href", served.get());
            changed = true;
          }
        } else {
          report.unsupported(
              where,
              "link "
                  + href
                  + ": only images of the scenario's folder are served; the link is left as"
                  + " written and leads nowhere");
        }
      }
      if (!changed) {
        return html;
      }
      doc.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset("UTF-8");
      return doc.body().html();
    }

    private Optional<String> serve(String ref, String pageFile, String where, String what) {
      String path;
      try {
        path = new URI(withoutQuery(ref)).getPath();
      } catch (URISyntaxException e) {
        report.unsupported(where, what + " " + ref + " is no valid address: not served");
        return Optional.empty();
      }
      String name = path == null ? "" : path;
      if (name.toLowerCase(Locale.ROOT).endsWith(".svg")) {
        report.unsupported(
            where, what + " " + ref + ": SVG is not served (an SVG file can carry scripts)");
        return Optional.empty();
      }
      if (!EXTENSIONS.contains(extension(name))) {
        report.unsupported(
            where, what + " " + ref + ": only PNG, JPEG, GIF and WebP images are served");
        return Optional.empty();
      }
      String pageDir =
          pageFile.contains("/") ? pageFile.substring(0, pageFile.lastIndexOf('/')) : "";
      Set<String> candidates = new LinkedHashSet<>();
      plain(pageDir.isEmpty() ? name : pageDir + "/" + name).ifPresent(candidates::add);
      plain(name).ifPresent(candidates::add);
      if (candidates.isEmpty()) {
        report.unsupported(
            where,
            what
                + " "
                + ref
                + ": not a plain path inside the scenario's folder (letters, digits, . _ -): not"
                + " served");
        return Optional.empty();
      }
      List<String> tried = new ArrayList<>();
      for (String candidate : candidates) {
        tried.add(candidate);
        if (images.containsKey(candidate)) {
          return Optional.of(url(lessonId, candidate));
        }
        Found found = load(candidate, ref, where, what);
        if (found != Found.MISSING) {
          return found == Found.SERVED ? Optional.of(url(lessonId, candidate)) : Optional.empty();
        }
      }
      report.unsupported(
          where,
          what + " " + ref + " is not in the scenario's folder (" + String.join(", ", tried) + ")");
      return Optional.empty();
    }

    /** What became of a file the page names; a refusal is reported. */
    private enum Found {
      SERVED,
      MISSING,
      REFUSED
    }

    private Found load(String candidate, String ref, String where, String what) {
      Path file = folder.resolve(candidate).normalize();
      try {
        if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
          return Found.MISSING;
        }
        if (!file.toRealPath().startsWith(folder.toRealPath())) {
          report.unsupported(where, what + " " + ref + " links outside the scenario's folder");
          return Found.REFUSED;
        }
        long size = Files.size(file);
        if (size > MAX_IMAGE_BYTES || total + size > MAX_TOTAL_BYTES) {
          report.unsupported(
              where,
              what
                  + " "
                  + ref
                  + (size > MAX_IMAGE_BYTES
                      ? " is larger than 1 MB: not served"
                      : ": the scenario's images pass 8 MB: not served"));
          return Found.REFUSED;
        }
        byte[] bytes = Files.readAllBytes(file);
        Optional<String> type = contentType(bytes);
        if (type.isEmpty()) {
          report.unsupported(
              where, what + " " + ref + " is not a PNG, JPEG, GIF or WebP image: not served");
          return Found.REFUSED;
        }
        total += size;
        images.put(candidate, new Image(bytes, type.get(), etag(bytes)));
        report.ok(where, what + " " + ref + " is served at " + url(lessonId, candidate));
        return Found.SERVED;
      } catch (IOException e) {
        report.unsupported(where, what + " " + ref + " cannot be read: " + e.getMessage());
        return Found.REFUSED;
      }
    }
  }

  /** A path of plain segments with no way up, or empty. */
  static Optional<String> plain(String path) {
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
        return Optional.empty();
      }
      out.add(segment);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(String.join("/", out));
  }

  /** The type the bytes are, whatever the name says; empty for anything but the four images. */
  static Optional<String> contentType(byte[] b) {
    if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of("image/png");
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return Optional.of("image/jpeg");
    }
    if (starts(b, 'G', 'I', 'F', '8')
        && b.length > 5
        && (b[4] == '7' || b[4] == '9')
        && b[5] == 'a') {
      return Optional.of("image/gif");
    }
    if (b.length >= 12
        && starts(b, 'R', 'I', 'F', 'F')
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return Optional.of("image/webp");
    }
    return Optional.empty();
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean relative(String ref) {
    String r = ref.strip();
    return !r.isEmpty()
        && !r.startsWith("/")
        && !r.startsWith("#")
        && !r.startsWith("?")
        && !SCHEME.matcher(r).find();
  }

  private static String withoutQuery(String ref) {
    int cut = ref.length();
    for (char c : new char[] {'?', '#'}) {
      int i = ref.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return ref.substring(0, cut).strip();
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String etag(byte[] bytes) {
    try {
      return "\""
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
