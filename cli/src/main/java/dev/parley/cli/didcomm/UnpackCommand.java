package dev.parley.cli.didcomm;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.LocalIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley didcomm unpack}: prints {@code {"message":..,"metadata":..}} for one envelope. */
@Command(name = "unpack", mixinStandardHelpOptions = true,
        description = "Unpack a DIDComm v2 envelope addressed to one of your identities and check every layer.")
final class UnpackCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--as", paramLabel = "NAME", required = true, description = "Your identity (keystore name).")
    private String as;

    @Parameters(paramLabel = "FILE", arity = "0..1", defaultValue = "-",
            description = "The envelope, or - for standard input (default).")
    private String file;

    UnpackCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        int limit = JsonLimits.DEFAULT.maxDocumentBytes();
        byte[] envelope = read(limit);
        if (envelope.length > limit) {
            throw CliException.badInput("the envelope is larger than " + limit + " bytes");
        }
        LocalIdentities identities = new LocalIdentities(context);
        LocalIdentity me = identities.load(as);
        Unpacked unpacked = new DidCommUnpacker(identities.resolver(), Clock.systemUTC(), JsonLimits.DEFAULT)
                .unpack(new String(envelope, StandardCharsets.UTF_8).strip(), me.secrets());
        MessageCodec codec = new MessageCodec(JsonLimits.DEFAULT);
        context.out().println(codec.json().mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(unpacked.toJson(codec)));
        return 0;
    }

    /** Reads at most {@code limit + 1} bytes, so an oversized input is refused without being held whole. */
    private byte[] read(int limit) throws CliException {
        try (InputStream in = file.equals("-") ? context.in() : Files.newInputStream(Path.of(file))) {
            return in.readNBytes(limit + 1);
        } catch (NoSuchFileException e) {
            throw CliException.badInput("no such file: " + file);
        } catch (IOException e) {
            throw CliException.environment("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
