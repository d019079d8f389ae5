package dev.trafficlab.server.lessons.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded .zip of scenarios into a fresh folder of the server's own, treating every
 * byte as hostile: entry names that would leave the folder (absolute, "..", backslashes, drive
 * letters) are refused, and the bytes actually inflated are counted against the limits (per file,
 * in total, entries), so a zip bomb stops at the limit whatever its headers claim. Only regular
 * files and folders are made; nothing in it is executed or interpreted on the host.
 */
public final class ScenarioZip {
  /** The biggest upload accepted, compressed. */
  public static final long MAX_COMPRESSED_BYTES = 8L * 1024 * 1024;

  /** The most its files may hold once inflated. */
  public static final long MAX_UNCOMPRESSED_BYTES = 32L * 1024 * 1024;

  /** The most entries (files and folders) it may have. */
  public static final int MAX_ENTRIES = 2000;

  /** The biggest single file once inflated (a scenario's own limit). */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._@+=,~ \\-]{1,200}");

  private ScenarioZip() {}

  /** Why an upload is refused; the message is shown to the uploader. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** Unpacks {@code zip} into the empty folder {@code into}. */
  public static void unpack(byte[] zip, Path into) throws Refused, IOException {
    if (zip.length > MAX_COMPRESSED_BYTES) {
      throw new Refused("the .zip is larger than " + MAX_COMPRESSED_BYTES / (1024 * 1024) + " MB");
    }
    Path root = into.toAbsolutePath().normalize();
    long total = 0;
    int entries = 0;
    Set<String> seen = new HashSet<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (++entries > MAX_ENTRIES) {
          throw new Refused("the .zip has more than " + MAX_ENTRIES + " entries");
        }
        String name = safeName(entry.getName());
        if (!seen.add(name)) {
          throw new Refused("the .zip holds " + name + " twice");
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw new Refused("the .zip entry " + entry.getName() + " leaves the upload's folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        total += copy(in, target, name, MAX_UNCOMPRESSED_BYTES - total);
      }
    } catch (ZipException e) {
      throw new Refused("the upload is not a readable .zip: " + e.getMessage());
    }
    if (entries == 0) {
      throw new Refused("the upload is not a .zip, or an empty one");
    }
  }

  /** The entry's name as a relative path of safe segments, or a refusal naming it. */
  static String safeName(String raw) throws Refused {
    String name = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    if (name.isEmpty()
        || name.startsWith("/")
        || name.contains("\\")
        || name.contains("\0")
        || name.length() > 1000) {
      throw new Refused("the .zip entry \"" + printable(raw) + "\" is not a relative path");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".") || !SAFE_SEGMENT.matcher(segment).matches()) {
        throw new Refused(
            "the .zip entry \""
                + printable(raw)
                + "\" has a part the lab does not accept ("
                + printable(segment)
                + ")");
      }
    }
    return name;
  }

  private static long copy(InputStream in, Path target, String name, long roomLeft)
      throws IOException, Refused {
    byte[] buffer = new byte[8192];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        written += n;
        if (written > MAX_FILE_BYTES) {
          throw new Refused(name + " is larger than 1 MB once unpacked");
        }
        if (written > roomLeft) {
          throw new Refused(
              "the .zip holds more than "
                  + MAX_UNCOMPRESSED_BYTES / (1024 * 1024)
                  + " MB once unpacked");
        }
        out.write(buffer, 0, n);
      }
    }
    return written;
  }

  private static String printable(String s) {
    String shown = s.replaceAll("[^\\x20-\\x7e]", "?");
    return shown.length() > 120 ? shown.substring(0, 120) + "..." : shown;
  }
}
