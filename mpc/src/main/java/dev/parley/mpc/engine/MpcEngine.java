package dev.parley.mpc.engine;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.field.ByteStream;
import dev.parley.mpc.field.PrimeField;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.prss.AesCtrStream;
import dev.parley.mpc.prss.Prss;
import dev.parley.mpc.prss.PrssKey;
import dev.parley.mpc.sharing.Shamir;
import dev.parley.mpc.sharing.Shares;
import dev.parley.mpc.transport.Transport;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One party's MPC runtime: Shamir sharing with threshold t < n/2 over a prime field, secure against a passive
 * adversary corrupting t parties (honest majority), as in MPyC.
 *
 * <p>Every party runs the same sequence of operations. Interactive operations take one lock-step round each (a
 * comparison takes several) and carry a whole vector: one message per peer per round however many values are
 * processed. Local operations (addition, public scaling, PRSS randomness) cost no communication. A failed round moves
 * the engine to {@link State#FAILED} and closes the transport, so peers stop promptly instead of waiting.
 *
 * <p>Not thread-safe: an engine is confined to the thread running the party's program.
 *
 * @param <V> the field's vector type
 */
public final class MpcEngine<V> implements AutoCloseable {

    /**
     * The round structure this engine speaks. Bump it whenever an operation's rounds or message layout
     * change, so parties of different releases refuse each other before any input instead of failing mid-run.
     * v2: random bits as XOR of PRSS bits for small key sets.
     */
    public static final int PROTOCOL_VERSION = 2;

    /** Life cycle: {@code RUNNING -> FAILED | CLOSED}; nothing runs after leaving RUNNING. */
    public enum State { RUNNING, FAILED, CLOSED }

    /** The XOR protocol for random bits is used up to this many PRSS keys (2 rounds) ... */
    static final int XOR_BITS_MAX_KEYS = 4;
    /** ... and from this batch size on: below it, the extra round costs more than the exponentiations it saves. */
    static final int XOR_BITS_MIN_BATCH = 512;

    private final PrimeField<V> field;
    private final Transport transport;
    private final SecureIntType type;
    private final EngineConfig config;
    private final int n;
    private final int t;
    private final int self;
    private final Shamir<V> shamir;
    private final ByteStream local;
    private final BigInteger inverseOfTwo;
    private final long[] messagesTo;
    private final long[] bytesTo;
    private Prss<V> prss;
    private long round;
    private long nonce;
    private State state = State.RUNNING;
    private String failure;

    private MpcEngine(Transport transport, PrimeField<V> field, int threshold, SecureIntType type,
                      EngineConfig config, SecureRandom random) {
        this.field = field;
        this.transport = transport;
        this.type = type;
        this.config = config;
        this.n = transport.parties();
        this.t = threshold;
        this.self = transport.self();
        this.shamir = new Shamir<>(field, n, threshold);
        int required = type.requiredFieldBits(n, threshold);
        if (field.bitLength() < required) {
            throw new IllegalArgumentException(type + " with n=" + n + ", t=" + threshold + " needs a field of "
                    + required + " bits for exact comparisons, but " + field + " has " + field.bitLength()
                    + "; use SecureIntType.selectField");
        }
        byte[] seed = new byte[16];
        random.nextBytes(seed);
        this.local = new AesCtrStream(seed, 0);
        Arrays.fill(seed, (byte) 0);
        this.inverseOfTwo = BigInteger.TWO.modInverse(field.modulus());
        this.messagesTo = new long[n + 1];
        this.bytesTo = new long[n + 1];
    }

    /**
     * Creates the engine and runs the dealerless PRSS key agreement (one round): for every maximal unqualified set,
     * the smallest party outside it draws a key from {@code random} and sends it to the other parties outside it.
     * Round numbers start at 1; round 0 is left to the program handshake.
     *
     * @param random the source of this party's secrets (keys, resharing polynomials); inject a seeded instance only in
     *               tests
     */
    public static <V> MpcEngine<V> start(Transport transport, PrimeField<V> field, int threshold,
                                         SecureIntType type, EngineConfig config, SecureRandom random)
            throws MpcException {
        MpcEngine<V> engine = new MpcEngine<>(transport, field, threshold, type, config, random);
        engine.guard(() -> {
            engine.agreeKeys(random);
            return null;
        });
        return engine;
    }

    private void agreeKeys(SecureRandom random) throws MpcException {
        List<Prss.Subset> subsets = Prss.Subset.all(n, t);
        Map<Prss.Subset, PrssKey> keys = new HashMap<>();
        for (Prss.Subset a : subsets) {
            if (a.dealer(n) == self) {
                byte[] raw = new byte[PrssKey.BYTES];
                random.nextBytes(raw);
                keys.put(a, new PrssKey(raw));
                Arrays.fill(raw, (byte) 0);
            }
        }
        long r = nextRound();
        for (int j = 1; j <= n; j++) {
            if (j == self) {
                continue;
            }
            List<Prss.Subset> dealt = dealtTo(subsets, self, j);
            if (!dealt.isEmpty()) {
                byte[] msg = new byte[dealt.size() * PrssKey.BYTES];
                for (int k = 0; k < dealt.size(); k++) {
                    keys.get(dealt.get(k)).copyTo(msg, k * PrssKey.BYTES);
                }
                send(j, r, msg);
            }
        }
        for (int i = 1; i <= n; i++) {
            if (i == self) {
                continue;
            }
            List<Prss.Subset> dealt = dealtTo(subsets, i, self);
            if (!dealt.isEmpty()) {
                byte[] msg = receiveBytes(i, r, dealt.size() * PrssKey.BYTES);
                for (int k = 0; k < dealt.size(); k++) {
                    keys.put(dealt.get(k), new PrssKey(
                            Arrays.copyOfRange(msg, k * PrssKey.BYTES, (k + 1) * PrssKey.BYTES)));
                }
                Arrays.fill(msg, (byte) 0);
            }
        }
        prss = new Prss<>(field, n, t, self, keys);
    }

    private List<Prss.Subset> dealtTo(List<Prss.Subset> subsets, int dealer, int receiver) {
        List<Prss.Subset> out = new ArrayList<>();
        for (Prss.Subset a : subsets) {
            if (a.dealer(n) == dealer && !a.contains(receiver)) {
                out.add(a);
            }
        }
        return out;
    }

    // ---- identity and accounting -------------------------------------------------------------------------------

    public int self() {
        return self;
    }

    public int parties() {
        return n;
    }

    public int threshold() {
        return t;
    }

    public PrimeField<V> field() {
        return field;
    }

    public SecureIntType type() {
        return type;
    }

    public State state() {
        return state;
    }

    /** Rounds, messages and bytes this party has sent so far. */
    public TrafficStats stats() {
        return new TrafficStats(round, messagesTo, bytesTo);
    }

    // ---- local operations ----------------------------------------------------------------------------------------

    /** Public constants as a (degree-0, hence valid degree-t) sharing. */
    public Shares<V> constant(long... values) {
        checkBatch(values.length);
        return wrap(field.fromSigned(values));
    }

    public Shares<V> add(Shares<V> a, Shares<V> b) {
        V out = field.newVector(same(a, b));
        field.add(a.values(), b.values(), out);
        return wrap(out);
    }

    public Shares<V> sub(Shares<V> a, Shares<V> b) {
        V out = field.newVector(same(a, b));
        field.sub(a.values(), b.values(), out);
        return wrap(out);
    }

    public Shares<V> addConstant(Shares<V> a, long c) {
        V out = field.newVector(a.length());
        field.addConstant(a.values(), field.element(c), out);
        return wrap(out);
    }

    public Shares<V> scale(Shares<V> a, long c) {
        V out = field.newVector(a.length());
        field.scale(a.values(), field.element(c), out);
        return wrap(out);
    }

    /** Shares of the sum of all elements of {@code a} (length 1). */
    public Shares<V> sum(Shares<V> a) {
        V out = field.newVector(1);
        field.addConstant(out, field.sum(a.values()), out);
        return wrap(out);
    }

    /** Elements {@code [from, to)}. */
    public Shares<V> slice(Shares<V> a, int from, int to) {
        V out = field.newVector(to - from);
        field.copy(a.values(), from, out, 0, to - from);
        return wrap(out);
    }

    @SafeVarargs
    public final Shares<V> concat(Shares<V>... parts) {
        return concat(Arrays.asList(parts));
    }

    public Shares<V> concat(List<Shares<V>> parts) {
        int total = 0;
        for (Shares<V> s : parts) {
            total += s.length();
        }
        checkBatch(total);
        V out = field.newVector(total);
        int at = 0;
        for (Shares<V> s : parts) {
            field.copy(s.values(), 0, out, at, s.length());
            at += s.length();
        }
        return wrap(out);
    }

    /** Shares of uniformly random field elements, from PRSS: no communication. */
    public Shares<V> random(int count) {
        checkBatch(count);
        return wrap(prss.random(count, ++nonce));
    }

    // ---- interactive operations ----------------------------------------------------------------------------------

    /**
     * Party {@code owner} secret-shares {@code count} signed integers (one round).
     *
     * @param values the owner's values; ignored (may be null) at the other parties
     */
    public Shares<V> input(int owner, long[] values, int count) throws MpcException {
        checkParty(owner);
        checkBatch(count);
        if (owner == self && (values == null || values.length != count)) {
            throw new IllegalArgumentException("party " + self + " must input exactly " + count + " values");
        }
        return guard(() -> {
            long r = nextRound();
            if (owner == self) {
                List<V> parts = shamir.share(field.fromSigned(values), t, local);
                for (int j = 1; j <= n; j++) {
                    if (j != self) {
                        send(j, r, encode(parts.get(j - 1)));
                    }
                }
                return wrap(parts.get(self - 1));
            }
            return wrap(receiveVector(owner, r, count));
        });
    }

    /** Every party secret-shares a vector of the same length in one round; element i-1 holds party i's inputs. */
    public List<Shares<V>> inputAll(long[] mine) throws MpcException {
        checkBatch(mine.length);
        return guard(() -> {
            long r = nextRound();
            List<V> parts = shamir.share(field.fromSigned(mine), t, local);
            for (int j = 1; j <= n; j++) {
                if (j != self) {
                    send(j, r, encode(parts.get(j - 1)));
                }
            }
            List<Shares<V>> out = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                out.add(wrap(i == self ? parts.get(self - 1) : receiveVector(i, r, mine.length)));
            }
            return out;
        });
    }

    /** Element-wise product, one round: local degree-2t product, resharing by parties 1..2t+1, Lagrange recombination. */
    public Shares<V> mul(Shares<V> a, Shares<V> b) throws MpcException {
        same(a, b);
        return guard(() -> wrap(mulRaw(a.values(), b.values())));
    }

    /** {@code cond ? x : y} for a secret bit {@code cond}, one round. */
    public Shares<V> select(Shares<V> cond, Shares<V> x, Shares<V> y) throws MpcException {
        return add(y, mul(cond, sub(x, y)));
    }

    /** Element-wise product of several equally long vectors: a balanced tree, ceil(log2 k) rounds. */
    public Shares<V> product(List<Shares<V>> factors) throws MpcException {
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("product of no vectors is undefined here; pass at least one");
        }
        List<V> raw = new ArrayList<>(factors.size());
        for (Shares<V> f : factors) {
            same(factors.get(0), f);
            raw.add(f.values());
        }
        return guard(() -> wrap(treeRaw(raw, Combine.PRODUCT)));
    }

    /** Opens to every party as signed integers, one round. */
    public long[] open(Shares<V> a) throws MpcException {
        return field.toSigned(guard(() -> openRaw(a.values(), t)));
    }

    /** Opens to {@code party} only, one round; the others get an empty Optional. */
    public Optional<long[]> openTo(int party, Shares<V> a) throws MpcException {
        checkParty(party);
        int[] owners = new int[a.length()];
        Arrays.fill(owners, party);
        long[] mine = openToOwners(a, owners);
        return party == self ? Optional.of(mine) : Optional.empty();
    }

    /**
     * Opens element k to party {@code owners[k]} only, all in one round.
     *
     * @return the values owned by this party, in element order
     */
    public long[] openToOwners(Shares<V> a, int[] owners) throws MpcException {
        if (owners.length != a.length()) {
            throw new IllegalArgumentException("need one owner per element: " + owners.length + " != " + a.length());
        }
        for (int o : owners) {
            checkParty(o);
        }
        return guard(() -> {
            long r = nextRound();
            if (self <= t + 1) {
                for (int j = 1; j <= n; j++) {
                    int[] idx = indicesOwnedBy(owners, j);
                    if (j != self && idx.length > 0) {
                        send(j, r, encode(gather(a.values(), idx)));
                    }
                }
            }
            int[] mine = indicesOwnedBy(owners, self);
            if (mine.length == 0) {
                return new long[0];
            }
            List<V> parts = new ArrayList<>(t + 1);
            for (int i = 1; i <= t + 1; i++) {
                parts.add(i == self ? gather(a.values(), mine) : receiveVector(i, r, mine.length));
            }
            return field.toSigned(shamir.reconstruct(parts, t));
        });
    }

    /**
     * Shares of uniformly random bits. One round, plus one per zero random square (probability 1/p each); with at
     * most 4 PRSS keys (n = 3, or n = 4 with t = 1) and at least 512 bits, ceil(log2 C(n,t)) = 2 rounds of
     * multiplications instead, which saves one exponentiation per bit.
     */
    public Shares<V> randomBits(int count) throws MpcException {
        checkBatch(count);
        return guard(() -> wrap(randomBitsRaw(count)));
    }

    /** Public test of each secret being zero, one round: opens {@code x * r} for a PRSS random r (error 1/p). */
    public boolean[] isZeroPublic(Shares<V> a) throws MpcException {
        return guard(() -> isZeroPublicRaw(a.values()));
    }

    /** Shares of {@code [a < b]} (1 or 0) for values of this engine's integer type. */
    public Shares<V> lessThan(Shares<V> a, Shares<V> b) throws MpcException {
        return lessThanZero(sub(a, b), type.bits() + 1);
    }

    /** Shares of {@code [a == b]} (1 or 0) for values of this engine's integer type. */
    public Shares<V> equal(Shares<V> a, Shares<V> b) throws MpcException {
        Shares<V> d = sub(a, b);
        return guard(() -> wrap(equalsZeroRaw(d.values(), type.bits() + 1)));
    }

    /**
     * Shares of {@code [a < 0]} for a in [-2^(bits-1), 2^(bits-1)), after Toft / MPyC's {@code sgn}: mask with
     * random bits r and a statistical mask below C(n,t)·2^kappa, open, and decide {@code [c mod 2^l < r]} by one
     * product whose zero-ness, blinded by a random sign, is opened. About log2(bits)+4 rounds and bits
     * multiplications per value.
     */
    public Shares<V> lessThanZero(Shares<V> a, int bits) throws MpcException {
        if (bits < 1 || bits > type.bits() + 1) {
            throw new IllegalArgumentException("bits must be in [1, " + (type.bits() + 1) + "], got " + bits);
        }
        return guard(() -> wrap(lessThanZeroRaw(a.values(), bits)));
    }

    // ---- protocol internals (vectors, no state checks) -------------------------------------------------------------

    private V mulRaw(V a, V b) throws MpcException {
        int m = field.length(a);
        V d = field.newVector(m);
        field.mul(a, b, d);
        long r = nextRound();
        V mine = null;
        if (self <= 2 * t + 1) {
            List<V> parts = shamir.share(d, t, local);
            for (int j = 1; j <= n; j++) {
                if (j != self) {
                    send(j, r, encode(parts.get(j - 1)));
                }
            }
            mine = parts.get(self - 1);
        }
        V acc = field.newVector(m);
        for (int i = 1; i <= 2 * t + 1; i++) {
            field.addScaled(acc, shamir.lagrange(2 * t, i), i == self ? mine : receiveVector(i, r, m));
        }
        return acc;
    }

    /** Opens a degree-{@code degree} sharing to all: parties 1..degree+1 send, everybody recombines. */
    private V openRaw(V shares, int degree) throws MpcException {
        int m = field.length(shares);
        long r = nextRound();
        if (self <= degree + 1) {
            byte[] msg = encode(shares);
            for (int j = 1; j <= n; j++) {
                if (j != self) {
                    send(j, r, msg);
                }
            }
        }
        List<V> parts = new ArrayList<>(degree + 1);
        for (int i = 1; i <= degree + 1; i++) {
            parts.add(i == self ? shares : receiveVector(i, r, m));
        }
        return shamir.reconstruct(parts, degree);
    }

    /**
     * Random bits by the cheaper of two protocols. With few PRSS keys and a large batch: XOR of one PRSS bit per key,
     * C(n,t) - 1 multiplications per bit in ceil(log2 C(n,t)) rounds (2 for n = 3). Otherwise one round and one
     * exponentiation per bit: open r^2 and take r / sqrt(r^2).
     */
    private V randomBitsRaw(int count) throws MpcException {
        if (prss.subsets() <= XOR_BITS_MAX_KEYS && count >= XOR_BITS_MIN_BATCH) {
            return treeRaw(prss.bitsPerSubset(count, ++nonce), Combine.XOR);
        }
        return squareRootBitsRaw(count);
    }

    private V squareRootBitsRaw(int count) throws MpcException {
        V out = field.newVector(count);
        int filled = 0;
        while (filled < count) {
            int k = count - filled;
            V rnd = prss.random(k, ++nonce);
            V y = prss.zero2t(k, ++nonce);
            V square = field.newVector(k);
            field.mul(rnd, rnd, square);
            field.add(y, square, y);
            V opened = openRaw(y, 2 * t);
            V u = field.newVector(k);
            field.inverseSquareRootUpToSign(opened, u);
            field.mul(u, rnd, u);                  // +-1
            field.addConstant(u, BigInteger.ONE, u);
            field.scale(u, inverseOfTwo, u);       // (1 +- 1) / 2
            for (int i = 0; i < k; i++) {
                if (!field.isZero(opened, i)) {    // r = 0 gives no bit: draw again for it
                    field.copy(u, i, out, filled++, 1);
                }
            }
        }
        return out;
    }

    private boolean[] isZeroPublicRaw(V x) throws MpcException {
        int m = field.length(x);
        V rnd = prss.random(m, ++nonce);
        V y = prss.zero2t(m, ++nonce);
        V product = field.newVector(m);
        field.mul(x, rnd, product);
        field.add(y, product, y);
        V opened = openRaw(y, 2 * t);
        boolean[] out = new boolean[m];
        for (int i = 0; i < m; i++) {
            out[i] = field.isZero(opened, i);
        }
        return out;
    }

    /** Masked opening shared by comparison and equality. */
    private record Masked<V>(V bits, V aPlusRandom, V opened) {
    }

    /**
     * Opens {@code c = a + 2^l + sum_i 2^i r_i + 2^l r'} with {@code extraBits} more random bits appended after the
     * l·m mask bits (bit i of element k at index i·m + k).
     */
    private Masked<V> maskAndOpen(V a, int l, int extraBits) throws MpcException {
        int m = field.length(a);
        V bits = randomBitsRaw(l * m + extraBits);
        V aPrime = field.newVector(m);
        field.addConstant(a, BigInteger.ONE.shiftLeft(l), aPrime);
        V column = field.newVector(m);
        for (int i = 0; i < l; i++) {
            field.copy(bits, i * m, column, 0, m);
            field.addScaled(aPrime, BigInteger.ONE.shiftLeft(i), column);
        }
        V high = prss.randomBelow(m, type.kappa(), ++nonce);
        V masked = field.newVector(m);
        field.copy(aPrime, 0, masked, 0, m);
        field.addScaled(masked, BigInteger.ONE.shiftLeft(l), high);
        return new Masked<>(bits, aPrime, openRaw(masked, t));
    }

    private V lessThanZeroRaw(V a, int l) throws MpcException {
        int m = field.length(a);
        Masked<V> masked = maskAndOpen(a, l, m);
        V bits = masked.bits();
        V sign = field.newVector(m);                       // s = 2b - 1 in {-1, 1}
        field.copy(bits, l * m, sign, 0, m);
        field.scale(sign, BigInteger.TWO, sign);
        field.addConstant(sign, BigInteger.ONE.negate(), sign);

        // Toft: e_i = s + r_i - c_i + 3 * sum_{j>i} (c_j xor r_j), e_l = s - 1 + 3 * sum_j (c_j xor r_j)
        List<V> factors = new ArrayList<>(l + 1);
        V xors = field.newVector(m);
        V ri = field.newVector(m);
        V ci = field.newVector(m);
        V tmp = field.newVector(m);
        BigInteger three = BigInteger.valueOf(3);
        BigInteger minusTwo = BigInteger.TWO.negate();
        for (int i = l - 1; i >= 0; i--) {
            field.copy(bits, i * m, ri, 0, m);
            field.bit(masked.opened(), i, ci);
            V e = field.newVector(m);
            field.add(sign, ri, e);
            field.sub(e, ci, e);
            field.addScaled(e, three, xors);
            factors.add(e);
            field.mul(ci, ri, tmp);                        // public * secret: local
            field.add(xors, ri, xors);
            field.add(xors, ci, xors);
            field.addScaled(xors, minusTwo, tmp);
        }
        V last = field.newVector(m);
        field.addConstant(sign, BigInteger.ONE.negate(), last);
        field.addScaled(last, three, xors);
        factors.add(last);
        boolean[] zero = isZeroPublicRaw(treeRaw(factors, Combine.PRODUCT));

        // u = [c mod 2^l < r] = (1 - s)/2 if the product was zero else (1 + s)/2
        long[] sigma = new long[m];
        for (int k = 0; k < m; k++) {
            sigma[k] = zero[k] ? -1 : 1;
        }
        V u = field.fromSigned(sigma);
        field.mul(u, sign, u);
        field.addConstant(u, BigInteger.ONE, u);
        field.scale(u, inverseOfTwo, u);

        // [a >= 0] = (a + 2^l + r - (c mod 2^l) - 2^l u) / 2^l ; [a < 0] = 1 - that
        V cLow = field.newVector(m);
        field.lowBits(masked.opened(), l, cLow);
        V ge = masked.aPlusRandom();
        field.sub(ge, cLow, ge);
        BigInteger twoL = BigInteger.ONE.shiftLeft(l);
        field.addScaled(ge, twoL.negate(), u);
        field.scale(ge, twoL.modInverse(field.modulus()).negate(), ge);
        field.addConstant(ge, BigInteger.ONE, ge);
        return ge;
    }

    private V equalsZeroRaw(V a, int l) throws MpcException {
        int m = field.length(a);
        Masked<V> masked = maskAndOpen(a, l, 0);
        // a == 0 iff the low l bits of c equal r: product of (1 - (c_i xor r_i))
        List<V> factors = new ArrayList<>(l);
        V ci = field.newVector(m);
        V tmp = field.newVector(m);
        BigInteger two = BigInteger.TWO;
        for (int i = 0; i < l; i++) {
            V f = field.newVector(m);
            field.copy(masked.bits(), i * m, f, 0, m);
            field.bit(masked.opened(), i, ci);
            field.mul(ci, f, tmp);
            field.add(f, ci, f);
            field.addScaled(f, two.negate(), tmp);         // xor
            field.scale(f, BigInteger.ONE.negate(), f);
            field.addConstant(f, BigInteger.ONE, f);        // xnor
            factors.add(f);
        }
        return treeRaw(factors, Combine.PRODUCT);
    }

    /** How {@link #treeRaw} combines two secret vectors with one multiplication. */
    private enum Combine { PRODUCT, XOR }

    /**
     * Combines equally long vectors pairwise as a balanced tree, element by element: ceil(log2 k) rounds, every level
     * one vectorised multiplication. XOR of bits is x + y - 2xy.
     */
    private V treeRaw(List<V> operands, Combine combine) throws MpcException {
        List<V> level = operands;
        BigInteger minusTwo = BigInteger.TWO.negate();
        while (level.size() > 1) {
            int m = field.length(level.get(0));
            int pairs = level.size() / 2;
            V left = field.newVector(pairs * m);
            V right = field.newVector(pairs * m);
            for (int k = 0; k < pairs; k++) {
                field.copy(level.get(2 * k), 0, left, k * m, m);
                field.copy(level.get(2 * k + 1), 0, right, k * m, m);
            }
            V combined = mulRaw(left, right);
            if (combine == Combine.XOR) {
                field.scale(combined, minusTwo, combined);
                field.add(combined, left, combined);
                field.add(combined, right, combined);
            }
            List<V> next = new ArrayList<>(pairs + 1);
            for (int k = 0; k < pairs; k++) {
                V part = field.newVector(m);
                field.copy(combined, k * m, part, 0, m);
                next.add(part);
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    // ---- rounds and messages ---------------------------------------------------------------------------------------

    private long nextRound() {
        return ++round;
    }

    private void send(int to, long r, byte[] payload) throws MpcException {
        transport.send(to, r, payload);
        messagesTo[to]++;
        bytesTo[to] += payload.length;
    }

    private byte[] encode(V v) {
        int m = field.length(v);
        byte[] out = new byte[m * field.elementBytes()];
        field.encode(v, 0, m, out, 0);
        return out;
    }

    private byte[] receiveBytes(int from, long r, int expected) throws MpcException {
        byte[] msg = transport.receive(from, r, config.roundTimeout());
        if (msg.length != expected) {
            throw new ProtocolViolationException(from, r, "party " + from + " sent " + msg.length
                    + " bytes for round " + r + " where the protocol expects " + expected);
        }
        return msg;
    }

    private V receiveVector(int from, long r, int count) throws MpcException {
        byte[] msg = receiveBytes(from, r, count * field.elementBytes());
        V out = field.newVector(count);
        try {
            field.decode(msg, 0, count, out, 0);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException(from, r, "party " + from + " sent a malformed message for round "
                    + r + ": " + e.getMessage());
        }
        return out;
    }

    private V gather(V v, int[] idx) {
        V out = field.newVector(idx.length);
        for (int k = 0; k < idx.length; k++) {
            field.copy(v, idx[k], out, k, 1);
        }
        return out;
    }

    private static int[] indicesOwnedBy(int[] owners, int party) {
        return java.util.stream.IntStream.range(0, owners.length).filter(k -> owners[k] == party).toArray();
    }

    // ---- state ----------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Step<T> {
        T run() throws MpcException;
    }

    /** Runs one interactive step; on failure moves to FAILED and closes the transport so peers stop too. */
    private <T> T guard(Step<T> step) throws MpcException {
        if (state != State.RUNNING) {
            throw new IllegalStateException("the engine is " + state + (failure == null ? "" : " after: " + failure)
                    + "; start a new run");
        }
        try {
            return step.run();
        } catch (MpcException e) {
            state = State.FAILED;
            failure = e.getMessage();
            transport.close();
            throw e;
        }
    }

    private Shares<V> wrap(V v) {
        return new Shares<>(v, field.length(v));
    }

    private int same(Shares<V> a, Shares<V> b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("operands differ in length: " + a.length() + " != " + b.length());
        }
        return a.length();
    }

    private void checkBatch(int count) {
        if (count < 0 || count > config.maxBatch()) {
            throw new IllegalArgumentException("batch of " + count + " values is outside [0, " + config.maxBatch()
                    + "]; raise EngineConfig.maxBatch or split the work");
        }
    }

    private void checkParty(int party) {
        if (party < 1 || party > n) {
            throw new IllegalArgumentException("party must be in 1.." + n + ", got " + party);
        }
    }

    /** Leaves the run and closes the transport; idempotent. */
    @Override
    public void close() {
        if (state == State.RUNNING) {
            state = State.CLOSED;
        }
        transport.close();
    }
}
