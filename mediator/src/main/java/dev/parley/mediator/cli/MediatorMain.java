package dev.parley.mediator.cli;

import picocli.CommandLine;

/** Main class of {@code parley-mediator.jar}: {@code java -jar parley-mediator.jar --data DIR --port N}. */
public final class MediatorMain {

    private MediatorMain() {
    }

    public static void main(String[] args) {
        int code = new CommandLine(new MediatorServeCommand()).execute(args);
        System.exit(code);
    }
}
