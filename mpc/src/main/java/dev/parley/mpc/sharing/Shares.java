package dev.parley.mpc.sharing;

/**
 * This party's shares of a vector of secrets, all of degree t. The engine owns the array: callers must not modify it
 * (every engine operation returns a fresh vector), which makes a Shares value effectively immutable.
 *
 * @param values the share vector ({@code long[]} or {@code BigInteger[]})
 * @param length number of secrets
 */
public record Shares<V>(V values, int length) {
    @Override
    public String toString() {
        return "Shares[" + length + " secret-shared values]";
    }
}
