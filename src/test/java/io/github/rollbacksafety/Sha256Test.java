package io.github.rollbacksafety;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void sha256MatchesTheStandardTestVector() throws Exception {
        // FIPS 180-2, "abc"
        var expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256.hex("abc")).isEqualTo(expected);
        var file = dir.resolve("abc.txt");
        Files.writeString(file, "abc");
        assertThat(Sha256.ofFile(file)).isEqualTo(expected);
    }
}
