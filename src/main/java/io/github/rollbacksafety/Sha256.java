package io.github.rollbacksafety;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one hash of the plugin (cache keys, changeset fingerprints, SARIF fingerprints), as lower-case hex. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest, for hashing in parts. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The hash of a text's UTF-8 bytes. */
    public static String hex(String text) {
        return hex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A digest's bytes as hex. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The hash of a file's content, read in blocks. */
    public static String ofFile(Path file) throws IOException {
        var digest = newDigest();
        update(digest, file);
        return hex(digest.digest());
    }

    /** Adds a file's content to {@code digest}; returns the number of bytes added. */
    public static long update(MessageDigest digest, Path file) throws IOException {
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            var buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                total += n;
            }
        }
        return total;
    }
}
