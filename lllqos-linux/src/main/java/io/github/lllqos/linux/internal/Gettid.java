package io.github.lllqos.linux.internal;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@code pid_t gettid(void)}, bound on its own: glibc added the wrapper only in 2.30 (RHEL 8 has 2.28), and a
 * missing symbol must not keep {@link LibC} from binding.
 */
final class Gettid {

    private static final boolean BOUND = register();

    private Gettid() {
    }

    private static boolean register() {
        try {
            Native.register(Gettid.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether libc has {@code gettid}.
     *
     * @return false on glibc before 2.30
     */
    static boolean bound() {
        return BOUND;
    }

    /**
     * {@code pid_t gettid(void)}; call only when {@link #bound()}.
     *
     * @return the calling thread's id
     */
    static native int gettid();
}
