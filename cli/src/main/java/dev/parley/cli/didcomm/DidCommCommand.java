package dev.parley.cli.didcomm;

import picocli.CommandLine.Command;

/** Groups the DIDComm envelope commands. */
@Command(name = "didcomm", mixinStandardHelpOptions = true, description = "Pack and unpack DIDComm v2 messages.",
        subcommands = {PackCommand.class, UnpackCommand.class})
public final class DidCommCommand {}
