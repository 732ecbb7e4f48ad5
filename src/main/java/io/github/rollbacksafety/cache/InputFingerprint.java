package io.github.rollbacksafety.cache;

import io.github.rollbacksafety.engine.CheckRequest;

import io.github.rollbacksafety.RollbackSafetyException;
import io.github.rollbacksafety.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A SHA-256 over everything a check reads: files (by content), directory trees (relative names and contents, in
 * name order) and configuration text. Two equal fingerprints mean the check would see the same input. Not
 * thread-safe.
 */
public final class InputFingerprint {

    private final MessageDigest digest;

    public InputFingerprint() {
        digest = Sha256.newDigest();
    }

    /** The inputs of {@code request}: current roots, previous changelog roots, options, waivers, failOn. */
    public static InputFingerprint of(CheckRequest request) {
        var fp = new InputFingerprint();
        request.current().roots().forEach(fp::path);
        fp.text("master", request.current().master());
        for (var previous : request.previousReleases()) {
            fp.text("release", previous.version());
            fp.text("master", previous.changelog().master());
            // a release whose files are identified for good (archive SHA-256, git tree ids) is not read again:
            // a git baseline's files may not even be on disk
            previous.content().ifPresentOrElse(c -> fp.text("content", c.key()),
                    () -> previous.changelog().roots().forEach(fp::path));
            previous.querySources().forEach(s -> fp.text("source", s.describe()));
        }
        var options = request.changelogOptions();
        // in name order: Map.copyOf iterates in an order that varies between JVM runs
        new TreeMap<>(options.parameters()).forEach((name, value) -> fp.text("parameter", name).text("=", value));
        fp.text("contexts", options.contexts().orElse("")).text("labels", options.labels().orElse(""))
                .text("dbms", options.dbms().orElse(""));
        for (var waiver : request.waivers()) {
            // every field: the reason is printed in the reports a cache hit keeps
            fp.text("waiver", waiver.rule()).text("changeSet", waiver.changeSet().orElse(""))
                    .text("object", waiver.object().orElse("")).text("reason", waiver.reason());
        }
        fp.text("failOn", request.failOn().name());
        request.defaultSchema().ifPresent(schema -> fp.text("defaultSchema", schema));
        return fp;
    }

    /** Adds a labelled text (configuration, versions...). */
    public InputFingerprint text(String label, String value) {
        update(label);
        update(value);
        return this;
    }

    /** Adds a file's bytes, or every file of a directory tree with its relative name; a missing path counts too. */
    public InputFingerprint path(Path path) {
        update("path");
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (var walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
                }
                for (var file : files) {
                    update(path.relativize(file).toString().replace('\\', '/'));
                    bytes(file);
                }
            } else if (Files.isRegularFile(path)) {
                bytes(path);
            } else {
                update("missing:" + path);
            }
        } catch (IOException e) {
            throw new RollbackSafetyException("cannot read " + path + " to fingerprint it: " + e.getMessage(),
                    path.toString(), 0, e);
        }
        return this;
    }

    /** The hex SHA-256 of everything added. */
    public String hex() {
        try {
            var copy = (MessageDigest) digest.clone();
            return Sha256.hex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void bytes(Path file) throws IOException {
        long total = Sha256.update(digest, file);
        update(Long.toString(total)); // a length separator: "ab"+"c" differs from "a"+"bc"
    }

    private void update(String s) {
        var b = s.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(b);
    }
}
