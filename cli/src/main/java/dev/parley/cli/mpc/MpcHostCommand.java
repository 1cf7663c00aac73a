package dev.parley.cli.mpc;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.IdentityChoice;
import dev.parley.didcomm.mediator.MediatorClientException;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.oob.QrCodeTooLargeException;
import dev.parley.didcomm.oob.QrCodes;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.group.GroupException;
import dev.parley.mpc.group.GroupHost;
import dev.parley.mpc.group.GroupIdentity;
import dev.parley.mpc.group.GroupInvitation;
import dev.parley.mpc.group.GroupOutcome;
import dev.parley.mpc.group.GroupSettings;
import dev.parley.mpc.program.ProgramBinding;
import dev.parley.mpc.program.ProgramRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley mpc host}: creates a group invitation, shows its link (and QR), admits the first n-1 joiners that run
 * the same program, sends them the signed roster, opens a session with each and computes as party 1.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = {"Host an MPC group: show a link, wait for 'parley mpc join LINK' from the others, compute.",
            "Progress goes to stderr; stdout gets one 'result:' line (or one JSON object with --json)."})
final class MpcHostCommand implements Callable<Integer> {
    static final URI LINK_BASE = URI.create("https://parley.dev/g");

    private final CliContext context;

    @Mixin
    private MpcPartyOptions options = new MpcPartyOptions();

    @Option(names = "--program", paramLabel = "NAME", required = true,
            description = "What to compute ('parley mpc programs' lists them).")
    private String program;

    @Option(names = "--parties", paramLabel = "N", required = true, description = "Group size, the host included.")
    private int parties;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Shares needed to learn anything, minus one; t < n/2 (default: (n-1)/2).")
    private Integer threshold;

    @Option(names = "--link-file", paramLabel = "FILE", description = "Also write the link into FILE (atomically).")
    private Path linkFile;

    @Option(names = "--full-link", description = {"Show only the full link, not a short link made by the mediator",
        "(the full link can be read without asking the mediator; it is long)."})
    private boolean fullLink;

    @Option(names = "--qr", description = "Show the QR code even when stderr is not a terminal.")
    private boolean qr;

    MpcHostCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ProgramRegistry.Entry entry = ProgramRegistry.standard(MpcParty.CLOCK).find(program).orElseThrow(() ->
                CliException.badInput("unknown program \"" + program + "\"; 'parley mpc programs' lists them"));
        ProgramBinding.PreparedRun run = MpcParty.prepare(entry, options.input);
        int t = threshold != null ? threshold : (parties - 1) / 2;
        try {
            GroupInvitation.checkSize(parties, t);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--parties/--threshold: " + e.getMessage(), e);
        }
        GroupSettings settings = MpcParty.settings(context, options);
        String mediator = IdentityChoice.mediator(context, options.endpoint.mediator());
        GroupIdentity me = MpcParty.identity(context, options);
        SecureRandom random = new SecureRandom();
        try (MediatorMailbox mailbox = MpcParty.mailbox(context, mediator, me)) {
            GroupInvitation invitation = GroupInvitation.create(me.did(), run.descriptor(), parties, t, mediator,
                    settings, MpcParty.CLOCK, random);
            String full = invitation.toLink(LINK_BASE);
            show(shorten(mailbox, full), full);
            GroupHost host = new GroupHost(me, mailbox, invitation, run, settings,
                    line -> MpcParty.status(context, line), MpcParty.CLOCK, random);
            GroupOutcome outcome;
            try {
                outcome = host.run();
            } catch (GroupException | MpcException | IOException e) {
                throw MpcParty.failure(e);
            }
            MpcParty.report(context, outcome, options.json);
        }
        return 0;
    }

    /** The mediator's short link for {@code full}, or {@code full} when asked not to or when the mediator refuses. */
    private String shorten(MediatorMailbox mailbox, String full) {
        if (fullLink) {
            return full;
        }
        try {
            return mailbox.client().shortenInvitation(full, Duration.ofSeconds(options.timeoutSeconds)).url();
        } catch (MediatorClientException e) {
            MpcParty.status(context, "the mediator made no short link (" + e.getMessage() + "); using the full link");
            return full;
        }
    }

    private void show(String link, String full) throws IOException {
        if (linkFile != null) {
            Path dir = linkFile.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".parley-link", ".tmp");
            try {
                Files.writeString(tmp, link + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, linkFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        MpcParty.status(context, "link (" + parties + " parties, " + options.timeoutSeconds + " s): " + link);
        if (!link.equals(full)) {
            MpcParty.status(context, "full link (works without asking the mediator): " + full);
        }
        if (qr || System.console() != null) {
            try {
                context.err().print(QrCodes.terminal(link, QrCodes.Background.DARK));
                context.err().flush();
            } catch (QrCodeTooLargeException e) {
                MpcParty.status(context, "(the link is too long for a QR code; share the text)");
            }
        }
        MpcParty.status(context, "waiting for " + (parties - 1) + " parties to join");
    }
}
