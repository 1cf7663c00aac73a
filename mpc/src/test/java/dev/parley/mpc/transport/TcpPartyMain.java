package dev.parley.mpc.transport;

import dev.parley.mpc.LocalParties;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.program.ProgramRunner;
import dev.parley.mpc.program.programs.SumProgram;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One party in its own JVM for the cross-process test: binds port 0 on loopback, prints {@code PORT <p>}, reads
 * {@code PEERS <p1>,<p2>,...} from stdin, runs the sum program over TCP and prints {@code RESULT <sum>} or
 * {@code ERROR <message>}. With a fourth argument {@code vanish}, the process halts right after sharing its input.
 */
public final class TcpPartyMain {

    private TcpPartyMain() {
    }

    public static void main(String[] args) throws Exception {
        int self = Integer.parseInt(args[0]);
        int threshold = Integer.parseInt(args[1]);
        long input = Long.parseLong(args[2]);
        boolean vanish = args.length > 3 && args[3].equals("vanish");
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        System.out.println("PORT " + server.getLocalPort());
        System.out.flush();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String port : line.substring("PEERS ".length()).split(",")) {
            peers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)));
        }
        SumProgram sum = new SumProgram(SecureIntType.int32());
        MpcProgram<Long, SumProgram.Result> program = vanish ? new Vanishing(sum) : sum;
        try {
            Transport transport = TcpTransport.connect(self, peers, server, Duration.ofSeconds(30), 1 << 24);
            SumProgram.Result result = ProgramRunner.run(program, input, transport, threshold,
                    EngineConfig.defaults().withRoundTimeout(Duration.ofSeconds(20)), LocalParties.seeded(self));
            System.out.println("RESULT " + result.sum());
        } catch (MpcException e) {
            System.out.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /** The sum program's fingerprint, but the process dies abruptly after inputs are shared. */
    private record Vanishing(SumProgram delegate) implements MpcProgram<Long, SumProgram.Result> {
        @Override
        public ProgramDescriptor descriptor() {
            return delegate.descriptor();
        }

        @Override
        public SecureIntType integerType() {
            return delegate.integerType();
        }

        @Override
        public <V> SumProgram.Result run(MpcEngine<V> engine, Long input) throws MpcException {
            engine.inputAll(new long[] {input});
            System.out.flush();
            Runtime.getRuntime().halt(3);
            return null;
        }
    }
}
