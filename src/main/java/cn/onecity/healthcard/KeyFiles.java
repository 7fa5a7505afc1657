package cn.onecity.healthcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Small, owner-only key files written atomically. */
final class KeyFiles {

    static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    static synchronized byte[] loadOrCreateSecret(Path file, int bytes) {
        try {
            if (Files.exists(file)) {
                byte[] secret = HexFormat.of().parseHex(Files.readString(file).trim());
                if (secret.length != bytes) {
                    throw new IllegalStateException(file + " must hold " + bytes + " bytes as hex");
                }
                return secret;
            }
            byte[] secret = new byte[bytes];
            RANDOM.nextBytes(secret);
            write(file, HexFormat.of().formatHex(secret) + "\n");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** Writes through a temporary file and a move, with owner-only permissions where supported. */
    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
