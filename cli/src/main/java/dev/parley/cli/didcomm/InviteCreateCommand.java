package dev.parley.cli.didcomm;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.keystore.IdentitySummary;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import dev.parley.didcomm.oob.QrCodeTooLargeException;
import dev.parley.didcomm.oob.QrCodes;
import dev.parley.didcomm.protocol.MessageIds;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley invite create}: prints an OOB 2.0 invitation link on stdout and, for people holding a phone
 * up to the screen, a QR code on stderr (stdout stays a single pasteable line).
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create an out-of-band invitation from one of your identities and print it as a link (and QR code).")
final class InviteCreateCommand implements Callable<Integer> {

    /** Where links point when neither --base nor PARLEY_MEDIATOR says: a reserved name that never resolves. */
    static final String FALLBACK_BASE = "https://parley.invalid/invite";

    private final CliContext context;

    @Option(names = "--from", paramLabel = "NAME", required = true, description = "Your identity (keystore name).")
    private String from;

    @Option(names = "--goal", paramLabel = "TEXT", description = "What the invitation is for, in words.")
    private String goal;

    @Option(names = "--goal-code", paramLabel = "CODE", description = "Machine-readable goal, e.g. parley.chat.")
    private String goalCode;

    @Option(names = "--base", paramLabel = "URL",
            description = "Base URL of the link (default: PARLEY_MEDIATOR, else " + FALLBACK_BASE + ").")
    private String base;

    @Option(names = "--qr", paramLabel = "FILE.png", description = "Also write the QR code as a PNG file.")
    private Path qrFile;

    @Option(names = "--no-qr", description = "Do not print the QR code on the terminal.")
    private boolean noQr;

    InviteCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        IdentitySummary me = new KeystoreAccess(context).keystore().summary(from);
        URI baseUri = baseUri();
        Invitation invitation = new Invitation(new MessageIds(new SecureRandom()).next(), me.did().toString(),
                goalCode, goal, List.of("didcomm/v2"), List.of());
        String link = new OobLinks().toUrl(invitation, baseUri);
        context.out().println(link);
        if (qrFile != null) {
            try {
                QrCodes.writePng(link, 8, qrFile);
            } catch (QrCodeTooLargeException e) {
                throw CliException.badInput("the link is too long for a QR code (" + link.length() + " characters)");
            } catch (IOException e) {
                throw CliException.environment("cannot write " + qrFile + ": " + e.getMessage(), e);
            }
            context.err().println("QR code written to " + qrFile);
        }
        if (!noQr) {
            try {
                context.err().print(QrCodes.terminal(link, QrCodes.Background.DARK));
            } catch (QrCodeTooLargeException e) {
                context.err().println("(the link is too long for a terminal QR code; share the link itself)");
            }
        }
        return 0;
    }

    private URI baseUri() throws CliException {
        String text = base != null ? base : context.env().getOrDefault("PARLEY_MEDIATOR", FALLBACK_BASE);
        try {
            URI uri = new URI(text.strip());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw CliException.badInput("--base must be an http(s) URL with a host, got \"" + text + "\"");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw CliException.badInput("--base must not have a query or fragment: \"" + text + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliException.badInput("--base is not a URL: " + e.getMessage());
        }
    }
}
