package io.github.lllqos.monitor.agent;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;

/**
 * The Java agent: {@code -javaagent:lllqos-agent.jar=monitor,report=wakeups.json} at start-up, or loaded into a
 * running JVM by {@code lllqos attach PID}. With no options it does nothing. It never stops the application: a bad
 * option, or anything that fails, is one line on stderr and the JVM runs on.
 */
public final class MonitorAgent {

    /** How every line the agent prints begins. */
    static final String PREFIX = "lllqos-agent: ";

    private static AgentSession session;

    private MonitorAgent() {
    }

    /**
     * Entry point of {@code -javaagent:lllqos-agent.jar=OPTIONS}.
     *
     * @param options the comma-separated options, or null
     * @param instrumentation unused: the agent transforms no classes
     */
    public static void premain(String options, Instrumentation instrumentation) {
        load(options, System.err);
    }

    /**
     * Entry point of a load into a running JVM ({@code lllqos attach}, or the Attach API).
     *
     * @param options the comma-separated options, or null; {@code stop} stops what an earlier load started
     * @param instrumentation unused
     */
    public static void agentmain(String options, Instrumentation instrumentation) {
        load(options, System.err);
    }

    /**
     * Acts on an option string; never throws.
     *
     * @param text the options
     * @param err where the one line about a problem goes
     */
    static synchronized void load(String text, PrintStream err) {
        try {
            AgentOptions options = AgentOptions.parse(text);
            if (options.stop()) {
                if (session == null) {
                    err.println(PREFIX + "stop: nothing is running");
                } else {
                    session.stop();
                    session = null;
                }
            } else if (options.anything()) {
                if (session != null) {
                    err.println(PREFIX + "ignoring '" + text + "': the agent already runs in this JVM (load 'stop'"
                            + " first)");
                } else {
                    session = AgentSession.start(options, err);
                }
            }
        } catch (AgentOptions.InvalidOptionException e) {
            err.println(PREFIX + "ignoring the options: " + e.getMessage() + "; the JVM runs on without the agent");
        } catch (Throwable t) {
            err.println(PREFIX + "failed to start (" + t + "); the JVM runs on without the agent");
        }
    }

    /** The running session, for tests. */
    static synchronized AgentSession session() {
        return session;
    }
}
