package dev.parley.mpc.program;

import dev.parley.mpc.field.SecureIntType;
import java.util.Locale;

/** The input parsers of the standard programs. */
public final class ProgramInputs {

    private ProgramInputs() {
    }

    /** A required integer in {@code type}'s range (sum, max). */
    public static InputParser<Long> integer(String program, SecureIntType type) {
        return text -> {
            String s = text.map(String::strip).orElseThrow(() -> new InvalidInputException(
                    "program " + program + " needs --input INTEGER (" + type.min() + " to " + type.max() + ")"));
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("program " + program + " takes an integer input, got \"" + s + "\"");
            }
            if (v < type.min() || v > type.max()) {
                throw new InvalidInputException("program " + program + " takes an integer from " + type.min() + " to "
                        + type.max() + " (" + type.bits() + "-bit), got " + v);
            }
            return v;
        };
    }

    /** A required yes/no (vote). */
    public static InputParser<Boolean> yesNo(String program) {
        return text -> {
            String s = text.map(t -> t.strip().toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidInputException(
                    "program " + program + " needs --input yes or --input no"));
            return switch (s) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new InvalidInputException("program " + program + " takes yes or no, got \"" + s
                        + "\"");
            };
        };
    }

    /** No input at all (secret-santa, benchmark): a given value is refused rather than silently ignored. */
    public static InputParser<Void> none(String program) {
        return text -> {
            if (text.isPresent()) {
                throw new InvalidInputException("program " + program + " takes no input; drop --input");
            }
            return null;
        };
    }
}
