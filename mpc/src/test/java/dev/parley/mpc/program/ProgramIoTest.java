package dev.parley.mpc.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.program.programs.MaximumProgram;
import dev.parley.mpc.program.programs.SumProgram;
import dev.parley.mpc.program.programs.VoteProgram;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each standard program's --input parser and result formatter. */
class ProgramIoTest {
    private static final ProgramRegistry REGISTRY = ProgramRegistry.standard(Clock.systemUTC());

    private static String refusal(String program, String input) {
        return assertThrows(InvalidInputException.class,
                () -> REGISTRY.find(program).orElseThrow().prepare(Optional.ofNullable(input))).getMessage();
    }

    @Test
    void integersAreParsedWithinThe32BitRange() throws Exception {
        InputParser<Long> p = ProgramInputs.integer("sum", dev.parley.mpc.field.SecureIntType.int32());
        assertEquals(-2147483648L, p.parse(Optional.of("-2147483648")));
        assertEquals(2147483647L, p.parse(Optional.of(" 2147483647 ")));
        assertTrue(refusal("sum", "2147483648").contains("-2147483648 to 2147483647"));
        assertTrue(refusal("max", "-2147483649").contains("32-bit"));
        assertTrue(refusal("sum", "12abc").contains("\"12abc\""));
        assertTrue(refusal("sum", null).contains("needs --input"));
    }

    @Test
    void votesAreYesOrNo() throws Exception {
        InputParser<Boolean> p = ProgramInputs.yesNo("vote");
        assertEquals(true, p.parse(Optional.of("YES")));
        assertEquals(false, p.parse(Optional.of("no")));
        assertTrue(refusal("vote", "maybe").contains("yes or no"));
        assertTrue(refusal("vote", null).contains("needs --input"));
    }

    @Test
    void programsWithoutInputRefuseOne() throws Exception {
        assertTrue(refusal("secret-santa", "3").contains("takes no input"));
        assertTrue(refusal("benchmark", "1").contains("takes no input"));
        REGISTRY.find("secret-santa").orElseThrow().prepare(Optional.empty());
    }

    @Test
    void resultsFormatAsOneLineAndJson() {
        FormattedResult sum = ProgramResults.sum().format(new SumProgram.Result(7, 2));
        assertEquals("sum 7, average 3.50 over 2 parties", sum.text());
        assertEquals(3.5, sum.json().get("average").asDouble());
        FormattedResult max = ProgramResults.max().format(new MaximumProgram.Result(9, 3));
        assertEquals("maximum 9, held by party 3", max.text());
        assertEquals(3, max.json().get("holder").asInt());
        assertEquals("2 yes, 1 no", ProgramResults.vote().format(new VoteProgram.Result(2, 1)).text());
        assertEquals(2, ProgramResults.secretSanta().format(2).json().get("giveTo").asInt());
    }
}
