package dev.parley.mediator.identity;

import dev.parley.nat.relay.RelaySecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The relay's token-signing secret, {@code relay-secret} in the data directory (base64, permissions 0600),
 * created on first start. Tokens the mediator issues stay valid across restarts because the secret does.
 */
public final class RelaySecretFile {

    static final String FILE_NAME = "relay-secret";

    private RelaySecretFile() {
    }

    public static RelaySecret loadOrCreate(Path dataDir, SecureRandom random) throws IdentityException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new RelaySecret(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII)
                        .trim()));
            }
            byte[] key = new byte[RelaySecret.LENGTH];
            random.nextBytes(key);
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new RelaySecret(key);
        } catch (IOException e) {
            throw new IdentityException("cannot read or write the relay secret " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IdentityException(file + " is not a base64 relay secret of " + RelaySecret.LENGTH
                    + "+ bytes; restore it or delete it to make a new one (issued relay tokens then stop working)", e);
        }
    }
}
