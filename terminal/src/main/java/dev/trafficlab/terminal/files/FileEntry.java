package dev.trafficlab.terminal.files;

import java.time.Instant;

/**
 * One entry of a sandbox directory listing.
 *
 * @param path absolute path inside the sandbox (/root/istio-1.8.1/...)
 * @param name last path segment
 * @param directory true for a directory
 * @param size bytes (UTF-8) of a file, 4096 for a directory as ls shows it
 * @param modified when the file was last written (the lab's install time for lesson assets)
 * @param changed true when this sandbox changed the file (or created it)
 */
public record FileEntry(
    String path, String name, boolean directory, long size, Instant modified, boolean changed) {}
