package cn.onecity.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores uploaded evidence and material files under {@code <data-dir>/files}, addressed by their SM3 digest.
 * Only PDF, JPEG and PNG are accepted, and the type is decided by the bytes, not by the name.
 * A file that this call creates inside a transaction is deleted again if that transaction rolls back, so a
 * failed submission leaves no orphan file. (A file that already existed is left alone: another record may
 * hold it. The one gap: two transactions storing identical bytes at the same moment, the creator rolling back
 * while the other commits; the content digest in the key lets the other record detect it on read.)
 */
@Component
public class FileStore {

    public static final long MAX_BYTES = 20L * 1024 * 1024;

    private final Path root;

    public FileStore(OneCityProperties properties) {
        this.root = properties.resolve("files");
    }

    /** A file that has been stored: the key to read it again, and what was checked. */
    public record StoredFile(String key, String originalName, String contentType, long size, String sm3) {
    }

    /** Checks a file as {@link #store} would, without storing it: the message, or null when it is acceptable. */
    public static String problem(String originalName, byte[] content) {
        try {
            check(displayName(originalName), content);
            return null;
        } catch (BusinessException e) {
            return e.getMessage();
        }
    }

    private static String displayName(String originalName) {
        if (originalName == null || originalName.isBlank()) {
            return "未命名文件";
        }
        String n = originalName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        return n.isBlank() ? "未命名文件" : n;
    }

    private static String check(String name, byte[] content) {
        if (content == null || content.length == 0) {
            throw BusinessException.invalid("files", "文件《" + name + "》是空的");
        }
        if (content.length > MAX_BYTES) {
            throw BusinessException.invalid("files", "文件《" + name + "》超过 20 MB");
        }
        String type = sniff(content);
        if (type == null) {
            throw BusinessException.invalid("files", "文件《" + name + "》不是 PDF、JPG 或 PNG 格式（按文件内容判断）");
        }
        return type;
    }

    public StoredFile store(String originalName, byte[] content) {
        String name = displayName(originalName);
        String type = check(name, content);
        String sm3 = Sm3.hex(content);
        String key = sm3.substring(0, 2) + "/" + sm3 + extension(type);
        Path target = root.resolve(key);
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "upload", ".tmp");
                Files.write(tmp, content);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                deleteOnRollback(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store file " + key, e);
        }
        return new StoredFile(key, name, type, content.length, sm3);
    }

    private static void deleteOnRollback(Path file) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_ROLLED_BACK) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // an orphan blob is harmless; it is content-addressed and unreferenced
                    }
                }
            }
        });
    }

    /** Whether a stored file is present (for tests and integrity checks). */
    public boolean exists(String key) {
        return key != null && !key.contains("..") && Files.isRegularFile(root.resolve(key));
    }

    /** Reads a stored file and checks that its bytes still match the SM3 digest in its key. */
    public byte[] read(String key) {
        if (key == null || key.contains("..")) {
            throw new NotFoundException("文件不存在");
        }
        Path p = root.resolve(key);
        if (!Files.isRegularFile(p)) {
            throw new NotFoundException("文件不存在");
        }
        try {
            byte[] bytes = Files.readAllBytes(p);
            String expected = Path.of(key).getFileName().toString();
            expected = expected.substring(0, expected.indexOf('.'));
            if (!Sm3.hex(bytes).equals(expected)) {
                throw new BusinessException(500, "文件完整性校验失败（SM3 摘要不符）");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content type decided by magic bytes, or null when it is none of PDF, JPEG, PNG. */
    public static String sniff(byte[] c) {
        if (starts(c, new byte[] {'%', 'P', 'D', 'F', '-'})) {
            return "application/pdf";
        }
        if (starts(c, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return "image/png";
        }
        if (starts(c, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        }
        return null;
    }

    private static boolean starts(byte[] c, byte[] magic) {
        return c.length >= magic.length && Arrays.equals(Arrays.copyOf(c, magic.length), magic);
    }

    private static String extension(String type) {
        return switch (type) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            default -> ".jpg";
        };
    }
}
