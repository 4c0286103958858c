package dev.conduit.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what is logged at WARNING or above (through java.util.logging, where System.Logger and Netty's logging go
 * here) while it is open: for a test that a client's misbehaviour is not a warning in the server's log.
 */
final class WarningRecorder extends Handler implements AutoCloseable {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    private WarningRecorder() {
        root.addHandler(this);
    }

    static WarningRecorder start() {
        return new WarningRecorder();
    }

    /** Each warning as "logger: message (exception)". */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r.getLoggerName() + ": " + r.getMessage()
                    + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
