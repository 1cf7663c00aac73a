package dev.parley.mediator.protocol;

import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PublicKey;
import dev.parley.did.DidException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names one recipient answers to. A forward's {@code next} may name a DID or a key id, in
 * {@code did:key}, {@code did:peer:0} or {@code did:peer:2} form, and a recipient registered in one form
 * must still get it: registration stores every alias of the recipient, a forward tries every candidate.
 *
 * <p>An alias is a bare multibase key ({@code z6LS...}) or a bare DID: {@code did:key:z6LS...},
 * {@code did:peer:0z6LS...} and {@code did:key:z6Mk...#z6LS...} all reduce to {@code z6LS...}; a
 * {@code did:peer:2} DID also answers to each of its embedded keys, and an Ed25519 did:key to its X25519
 * key, which is what senders encrypt to.
 */
public final class RouteKeys {

    private static final int MAX_LENGTH = 8192;
    private static final Pattern DID = Pattern.compile("did:[a-z0-9]+:[A-Za-z0-9._:%\\-]+(#[A-Za-z0-9._:%\\-]+)?");

    private RouteKeys() {
    }

    /** Whether {@code s} is syntactically a DID or DID URL a recipient may be registered as. */
    public static boolean isRegistrable(String s) {
        return s != null && s.length() <= MAX_LENGTH && DID.matcher(s).matches()
                && (s.startsWith("did:key:z") || s.startsWith("did:peer:"));
    }

    /** Every alias under which a recipient registered as {@code recipient} receives forwards. */
    public static List<String> aliasesFor(String recipient) {
        Set<String> out = new LinkedHashSet<>(candidatesFor(recipient));
        String did = stripFragment(recipient);
        if (did.startsWith("did:peer:2")) {
            String[] elements = did.substring("did:peer:2".length()).split("\\.");
            for (String e : elements) {
                if (e.length() > 2 && "EVAID".indexOf(e.charAt(0)) >= 0 && e.charAt(1) == 'z') {
                    out.add(e.substring(1));
                }
            }
        }
        for (String key : List.copyOf(out)) {
            x25519Of(key).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The aliases to look up for a forward's {@code next}, most specific first. */
    public static List<String> candidatesFor(String next) {
        List<String> out = new ArrayList<>(3);
        int hash = next.indexOf('#');
        if (hash >= 0) {
            String fragment = next.substring(hash + 1);
            if (fragment.startsWith("z")) {
                out.add(fragment);
            } else if (fragment.startsWith("6")) {
                out.add("z" + fragment); // pre-2023 did:peer:2 key ids dropped the multibase prefix
            }
        }
        out.add(canonical(stripFragment(next)));
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private static String canonical(String did) {
        if (did.startsWith("did:key:")) {
            return did.substring("did:key:".length());
        }
        if (did.startsWith("did:peer:0")) {
            return did.substring("did:peer:0".length());
        }
        return did;
    }

    private static String stripFragment(String s) {
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash);
    }

    private static Optional<String> x25519Of(String alias) {
        if (!alias.startsWith("z6Mk")) {
            return Optional.empty();
        }
        try {
            PublicKey key = PublicKey.fromMultibase(alias);
            if (key.type() != KeyType.ED25519) {
                return Optional.empty();
            }
            return Optional.of(key.deriveX25519().toMultibase());
        } catch (DidException e) {
            return Optional.empty(); // not a valid Ed25519 key: it keeps only its literal aliases
        }
    }
}
