package dev.parley.cli.didcomm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.LocalIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.ContentEncryption;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.Mode;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.PackedMessage;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import dev.parley.didcomm.protocol.MessageIds;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley didcomm pack}: one envelope per line on stdout (encrypted modes make one per recipient
 * DID, as the spec's recipient rules require).
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = {"Pack a DIDComm v2 message from one of your identities.",
            "Encrypted modes print one envelope per recipient DID, one per line."})
final class PackCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--from", paramLabel = "NAME", required = true, description = "Your identity (keystore name).")
    private String from;

    @Option(names = "--to", paramLabel = "DID[,DID...]", split = ",", description = "Recipient DIDs (required to encrypt).")
    private List<String> to = List.of();

    @Option(names = "--mode", paramLabel = "plain|signed|anoncrypt|authcrypt", defaultValue = "authcrypt",
            description = "Envelope (default: ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--enc", paramLabel = "A256CBC-HS512|A256GCM|XC20P",
            description = "Content encryption for anoncrypt (authcrypt always uses A256CBC-HS512).")
    private String enc;

    @Option(names = "--type", paramLabel = "URI", defaultValue = "https://didcomm.org/basicmessage/2.0/message",
            description = "Message type URI (default: ${DEFAULT-VALUE}).")
    private String type;

    @Option(names = "--body", paramLabel = "JSON", required = true, description = "The message body, a JSON object.")
    private String body;

    PackCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Mode packMode = parseMode();
        ContentEncryption encryption = parseEncryption(packMode);
        if ((packMode == Mode.ANONCRYPT || packMode == Mode.AUTHCRYPT) && to.isEmpty()) {
            throw CliException.badInput("--mode " + mode + " encrypts to recipients: give --to DID[,DID...]");
        }
        MessageCodec codec = new MessageCodec(JsonLimits.DEFAULT);
        ObjectNode bodyJson = codec.json().readObject(body.getBytes(StandardCharsets.UTF_8), "--body");
        LocalIdentities identities = new LocalIdentities(context);
        LocalIdentity me = identities.load(from);
        Message.Builder message = Message.builder(new MessageIds(new SecureRandom()).next(), type.strip())
                .from(me.did())
                .createdTime(Clock.systemUTC().instant())
                .body(bodyJson);
        if (!to.isEmpty()) {
            message.to(to.stream().map(String::strip).toList());
        }
        PackOptions options = new PackOptions(packMode, encryption, Set.of());
        List<PackedMessage> packed = new DidCommPacker(identities.resolver(), new SecureRandom(), JsonLimits.DEFAULT)
                .pack(message.build(), options, me);
        for (PackedMessage p : packed) {
            context.out().println(p.json());
        }
        return 0;
    }

    private Mode parseMode() throws CliException {
        try {
            return Mode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    private ContentEncryption parseEncryption(Mode packMode) throws CliException {
        if (enc == null) {
            return ContentEncryption.A256CBC_HS512;
        }
        if (packMode != Mode.ANONCRYPT) {
            throw CliException.badInput("--enc applies to anoncrypt only (authcrypt is always A256CBC-HS512)");
        }
        try {
            return ContentEncryption.parse(enc);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("unknown --enc '" + enc + "'; use one of "
                    + Arrays.stream(ContentEncryption.values()).map(ContentEncryption::wireName).toList());
        }
    }
}
