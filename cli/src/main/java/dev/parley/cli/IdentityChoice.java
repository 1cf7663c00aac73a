package dev.parley.cli;

import dev.parley.did.keystore.IdentitySummary;
import dev.parley.did.keystore.KeystoreException;
import java.util.List;

/** Which identity a command acts as: {@code --as NAME}, or the only one in the keystore. */
public final class IdentityChoice {

    private IdentityChoice() {}

    public static String resolve(CliContext context, String asName) throws CliException, KeystoreException {
        if (asName != null) {
            return asName;
        }
        List<IdentitySummary> all = new KeystoreAccess(context).keystore().list();
        if (all.size() == 1) {
            return all.get(0).name();
        }
        if (all.isEmpty()) {
            throw CliException.badInput("no identity in " + context.parleyHome()
                    + "; create one with 'parley id create NAME'");
        }
        throw CliException.badInput("you have " + all.size() + " identities ("
                + String.join(", ", all.stream().map(IdentitySummary::name).toList()) + "); choose one with --as NAME");
    }

    /** The mediator from {@code --mediator} or PARLEY_MEDIATOR: a base URL or the mediator's invitation link. */
    public static String mediator(CliContext context, String option) throws CliException {
        String value = option != null ? option : context.env().get("PARLEY_MEDIATOR");
        if (value == null || value.isBlank()) {
            throw CliException.badInput("no mediator given: pass --mediator URL or set PARLEY_MEDIATOR"
                    + " (its URL or the invitation link it prints; 'parley mediator serve' runs one)");
        }
        return value.strip();
    }
}
