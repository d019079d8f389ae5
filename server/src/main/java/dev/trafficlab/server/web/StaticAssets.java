package dev.trafficlab.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The URLs of the app's own script and stylesheet, of the editor's (CodeMirror, fetched only when
 * the Editor tab is first opened) and of the terminal's (its glue and xterm.js), each with a digest
 * of its content as a query string, so a browser that cached an older copy fetches the new one
 * after an upgrade and may keep a stamped copy for a year ({@link CacheLifetimes}).
 */
public record StaticAssets(
    String js,
    String css,
    String editorJs,
    String editorCss,
    String terminalJs,
    String xtermJs,
    String xtermFitJs,
    String xtermCss) {
  /** The query parameter that carries the version stamp. */
  public static final String STAMP = "v";

  public static StaticAssets load() {
    return new StaticAssets(
        versioned("/static/js/app.js"),
        versioned("/static/css/app.css"),
        versioned("/static/vendor/codemirror/codemirror-editor.min.js"),
        versioned("/static/vendor/codemirror/codemirror-editor.css"),
        versioned("/static/js/terminal.js"),
        versioned("/static/vendor/xterm/xterm.mjs"),
        versioned("/static/vendor/xterm/addon-fit.mjs"),
        versioned("/static/vendor/xterm/xterm.css"));
  }

  /** Every stamped URL: these may be cached for a year. */
  public java.util.List<String> all() {
    return java.util.List.of(
        js, css, editorJs, editorCss, terminalJs, xtermJs, xtermFitJs, xtermCss);
  }

  private static String versioned(String url) {
    String resource = url.substring(1);
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
      return url + "?" + STAMP + "=" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
