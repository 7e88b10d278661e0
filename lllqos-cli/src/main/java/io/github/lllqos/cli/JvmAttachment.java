package io.github.lllqos.cli;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A running JVM attached to through {@code jdk.attach}. Kept apart from the command, so a runtime without that
 * module fails only here, with a message, and not when the command line is parsed.
 */
final class JvmAttachment {

    private final long pid;
    private final VirtualMachine vm;

    private JvmAttachment(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /**
     * Attaches.
     *
     * @param pid the JVM's process id
     * @return the attachment
     * @throws IOException with the reason when it cannot be attached to
     */
    static JvmAttachment attach(long pid) throws IOException {
        try {
            return new JvmAttachment(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            throw new IOException(e.getMessage() + " (is it a JVM run by the same user, or are you root?)", e);
        } catch (LinkageError e) {
            throw new IOException("this Java runtime has no jdk.attach module: run lllqos with a full JDK", e);
        }
    }

    /**
     * Loads an agent jar with options; its {@code agentmain} runs in the target.
     *
     * @param jar the agent jar, readable by the target's user
     * @param options the option string
     * @throws IOException when it does not load
     */
    void loadAgent(Path jar, String options) throws IOException {
        try {
            vm.loadAgent(jar.toString(), options);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The target's process id. */
    long pid() {
        return pid;
    }

    /** Detaches; a failure only means the target is gone. */
    void detach() {
        try {
            vm.detach();
        } catch (IOException e) {
            // the target has exited: nothing is attached any more
        }
    }
}
