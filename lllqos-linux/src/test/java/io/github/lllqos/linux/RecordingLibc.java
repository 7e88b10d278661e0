package io.github.lllqos.linux;

import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A native layer's calls, made as they are and the libc calls among them recorded by name (not {@code allocate},
 * {@code cString} and {@code threadInt}, which only make memory), for tests of what the provider calls and in which
 * order. {@link #openingInstead} also opens another path than the one asked for, as when a path is swapped for
 * another file between a check of the path and its open.
 */
final class RecordingLibc {

    private static final Set<String> MEMORY = Set.of("allocate", "cString", "threadInt");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final NativeLibc libc;

    private RecordingLibc(NativeLibc layer, NativeMemory openInstead) {
        this.libc = (NativeLibc) Proxy.newProxyInstance(NativeLibc.class.getClassLoader(),
                new Class<?>[] {NativeLibc.class}, (proxy, method, args) -> call(layer, openInstead, method, args));
    }

    /** Records the calls made to {@code layer}. */
    static RecordingLibc of(NativeLibc layer) {
        return new RecordingLibc(layer, null);
    }

    /** Records the calls made to {@code layer}, and has every {@code open} open {@code path} instead. */
    static RecordingLibc openingInstead(NativeLibc layer, String path) {
        return new RecordingLibc(layer, layer.cString(path));
    }

    /** The calls, which pass through to the layer. */
    NativeLibc libc() {
        return libc;
    }

    /** The names of the calls made so far, in order, such as {@code [statx, open, statx, close]}. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    private Object call(NativeLibc layer, NativeMemory openInstead, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("toString") ? "recording " + layer.getClass().getSimpleName()
                    : method.invoke(this, args);
        }
        if (!MEMORY.contains(method.getName())) {
            calls.add(method.getName());
        }
        if (openInstead != null && method.getName().equals("open")) {
            args[0] = openInstead;
        }
        try {
            return method.invoke(layer, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
