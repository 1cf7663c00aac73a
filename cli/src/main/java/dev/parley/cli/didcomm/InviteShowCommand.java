package dev.parley.cli.didcomm;

import dev.parley.cli.CliContext;
import dev.parley.cli.Json;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.MessageCodec;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code parley invite show LINK}: decodes and validates a pasted invitation. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Decode and check an invitation link as pasted from a chat",
            "(surrounding text, <angle brackets>, line breaks and %-encoding are tolerated)."})
final class InviteShowCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "LINK", arity = "1..*", description = "The link, or the chat text around it.")
    private String[] pasted;

    InviteShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Invitation invitation = new OobLinks().parse(String.join(" ", pasted));
        MessageCodec codec = new MessageCodec(JsonLimits.DEFAULT);
        context.out().println(Json.pretty(codec.toTree(invitation.toMessage())));
        return 0;
    }
}
