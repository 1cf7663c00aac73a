package dev.parley.mpc.program;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.transport.Transport;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A program with the parser of its input text and the formatter of its result, kept together so the input and result
 * types always match the program's. Immutable.
 */
public record ProgramBinding<I, R>(MpcProgram<I, R> program, InputParser<I> input, ResultFormatter<R> formatter) {

    public ProgramBinding {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(formatter, "formatter");
    }

    /** Parses this party's input now, so a bad value is refused before the party joins anything. */
    public PreparedRun prepare(Optional<String> inputText) throws InvalidInputException {
        I parsed = input.parse(inputText);
        return new PreparedRun() {
            @Override
            public ProgramDescriptor descriptor() {
                return program.descriptor();
            }

            @Override
            public FormattedResult run(Transport transport, int threshold, EngineConfig config, SecureRandom random)
                    throws MpcException {
                return formatter.format(ProgramRunner.run(program, parsed, transport, threshold, config, random));
            }
        };
    }

    /** A program with this party's parsed input, ready to run once. */
    public interface PreparedRun {
        ProgramDescriptor descriptor();

        /** Runs the program through {@link ProgramRunner} (which closes the transport) and formats the result. */
        FormattedResult run(Transport transport, int threshold, EngineConfig config, SecureRandom random)
                throws MpcException;
    }
}
