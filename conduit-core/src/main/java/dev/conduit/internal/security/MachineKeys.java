package dev.conduit.internal.security;

import dev.conduit.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The site's machine key when {@code <machineKey>} does not give one: generated once and kept in {@code
 * App_Data/conduit-machine.key}, so tickets survive a restart and every server that shares the folder shares the key.
 *
 * <p>The file holds the 256-bit key as 64 hex digits (the form {@code <machineKey decryptionKey>} takes, so a farm can
 * move it into configuration). It is created readable and writable by its owner only where the file system has POSIX
 * permissions. It is written to a temporary file and then linked into place, so a reader never sees a half-written
 * key and two sites starting at once on one folder agree on one key. {@code App_Data} is never served.
 *
 * <p>Never put a key in source code: a site either configures one (from its own secret store) or lets this class
 * generate one.
 */
public final class MachineKeys {
    /** The key file's name under {@code App_Data}. */
    public static final String KEY_FILE = "conduit-machine.key";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

    private MachineKeys() {}

    /**
     * The key in {@code siteRoot/App_Data/conduit-machine.key}, generated first if the file does not exist.
     *
     * @throws ConfigurationException when the file exists but does not hold a key
     * @throws UncheckedIOException when App_Data or the file cannot be created or read
     */
    public static byte[] loadOrGenerate(Path siteRoot) {
        Path appData = siteRoot.resolve("App_Data");
        Path file = appData.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(appData);
                generate(appData, file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the machine key " + file + ": " + e, e);
        }
    }

    private static void generate(Path appData, Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        Path tmp = Files.createTempFile(appData, ".conduit-machine-", ".tmp", ownerOnly(appData));
        try {
            Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp); // atomic, and fails rather than replace a key another start just wrote
            } catch (FileAlreadyExistsException lostTheRace) {
                // Another start wrote its key first: use that one.
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                if (!Files.exists(file)) {
                    Files.move(tmp, file);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() != 2 * KEY_BYTES || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new ConfigurationException(
                    file,
                    1,
                    "",
                    "the machine key file must hold " + 2 * KEY_BYTES + " hex digits; delete it to generate a new"
                            + " key (everyone signed in will have to sign in again)");
        }
        return HexFormat.of().parseHex(text);
    }

    private static FileAttribute<?>[] ownerOnly(Path folder) {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }
}
