package dev.parley.cli;

import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.Keystore;
import dev.parley.did.keystore.KeystoreException;
import dev.parley.did.keystore.Passphrase;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

/** Opens the keystore of PARLEY_HOME and obtains its passphrase the way every command does. */
public final class KeystoreAccess {

    private final CliContext context;

    public KeystoreAccess(CliContext context) {
        this.context = context;
    }

    public Keystore keystore() {
        return new Keystore(context.parleyHome(), context.keystoreKdf(), new SecureRandom(), Duration.ofSeconds(10));
    }

    /**
     * The passphrase from PARLEY_PASSPHRASE, else asked for without echo.
     *
     * @param creating ask twice when prompting, because a typo would lock the new keys away
     */
    public Passphrase passphrase(String forWhat, boolean creating) throws CliException {
        String fromEnv = context.env().get("PARLEY_PASSPHRASE");
        if (fromEnv != null) {
            if (fromEnv.isEmpty()) {
                throw CliException.badInput("PARLEY_PASSPHRASE is set but empty; set a passphrase or unset it to be asked");
            }
            return Passphrase.of(fromEnv.toCharArray());
        }
        char[] typed = context.passphrases().ask("Passphrase for " + forWhat + ": ", creating);
        try {
            if (typed.length == 0) {
                throw CliException.badInput("the passphrase must not be empty");
            }
            return Passphrase.of(typed);
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** Decrypts identity {@code name} with the passphrase from PARLEY_PASSPHRASE or the prompt. */
    public Identity load(String name) throws CliException, KeystoreException {
        try (Passphrase passphrase = passphrase("identity \"" + name + "\"", false)) {
            return keystore().load(name, passphrase);
        }
    }
}
