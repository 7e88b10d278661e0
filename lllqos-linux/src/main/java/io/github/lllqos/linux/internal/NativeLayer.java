package io.github.lllqos.linux.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which layer carries the Linux provider's libc calls, and why: {@code java.lang.foreign} on JDK 22 and later,
 * where JNA is then never loaded; JNA on JDK 17 to 21, or where {@code -D}{@value #PROPERTY}{@code =jna} asks for
 * it. Chosen once per JVM, on first use.
 */
public final class NativeLayer {

    /** The system property that picks the layer: {@code ffm} or {@code jna}; unset, the JDK decides. */
    public static final String PROPERTY = "lllqos.native";

    /** The first JDK whose {@code java.lang.foreign} is final. */
    static final int FOREIGN_SINCE = 22;

    private static final String FOREIGN_CLASS = "io.github.lllqos.linux.internal.ForeignLibc";

    private final String name;
    private final String why;
    private final NativeLibc libc;
    private final String unavailableReason;

    private NativeLayer(String name, String why, NativeLibc libc, String unavailableReason) {
        this.name = name;
        this.why = why;
        this.libc = libc;
        this.unavailableReason = unavailableReason;
    }

    /**
     * The layer of this JVM, chosen on the first call from {@value #PROPERTY} and the JDK's version.
     *
     * @return the layer
     */
    public static NativeLayer current() {
        return Holder.CURRENT;
    }

    /**
     * Chooses a layer.
     *
     * @param requested the value of {@value #PROPERTY}, or null
     * @param jdkFeature the JDK's feature release, such as 17 or 25
     * @return the layer, possibly unavailable
     */
    static NativeLayer select(String requested, int jdkFeature) {
        if (requested == null || requested.isBlank()) {
            if (jdkFeature < FOREIGN_SINCE) {
                return jna("JDK " + jdkFeature + " predates java.lang.foreign, final in JDK " + FOREIGN_SINCE);
            }
            MethodHandle foreign = foreignConstructor();
            if (foreign == null) {
                return jna("this lllqos-linux jar carries no java.lang.foreign layer (it was built on a JDK before "
                        + FOREIGN_SINCE + "; build it on JDK " + FOREIGN_SINCE + " or later)");
            }
            return foreign(foreign, "JDK " + jdkFeature + " has java.lang.foreign, so JNA is not loaded");
        }
        String why = "-D" + PROPERTY + "=" + requested;
        switch (requested.trim().toLowerCase(Locale.ROOT)) {
            case "jna":
                return jna(why);
            case "ffm":
                MethodHandle foreign = jdkFeature < FOREIGN_SINCE ? null : foreignConstructor();
                if (foreign == null) {
                    return unavailable("java.lang.foreign", why, why + " needs JDK " + FOREIGN_SINCE + " or later"
                            + " and an lllqos-linux jar built on one; this is JDK " + jdkFeature);
                }
                return foreign(foreign, why);
            default:
                return unavailable("none", why, why + " names no native layer: use ffm (java.lang.foreign, JDK "
                        + FOREIGN_SINCE + "+) or jna, or leave it unset to let the JDK decide");
        }
    }

    /**
     * The calls of every layer this JVM can use, for tests and benchmarks that compare them: JNA, and
     * java.lang.foreign from JDK 22. Loads JNA even where {@link #current()} would not.
     *
     * @return JNA's calls first
     * @throws IllegalStateException when a layer that should work here does not
     */
    public static List<NativeLibc> everyLayerHere() {
        int jdk = Runtime.version().feature();
        List<NativeLibc> layers = new ArrayList<>();
        layers.add(select("jna", jdk).libc());
        if (jdk >= FOREIGN_SINCE) {
            layers.add(select("ffm", jdk).libc());
        }
        return layers;
    }

    private static NativeLayer jna(String why) {
        try {
            String reason = JnaLibc.unsupportedReason();
            return reason == null ? new NativeLayer("JNA", why, new JnaLibc(), null)
                    : unavailable("JNA", why, reason);
        } catch (LinkageError e) {
            return unavailable("JNA", why, "JNA is not on the class path or module path (" + e + "): add"
                    + " net.java.dev.jna:jna-jpms, or run on JDK " + FOREIGN_SINCE + " or later");
        }
    }

    private static NativeLayer foreign(MethodHandle constructor, String why) {
        String name = "java.lang.foreign";
        try {
            return new NativeLayer(name, why + nativeAccessNote(), (NativeLibc) constructor.invoke(), null);
        } catch (Throwable e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalCallerException) {
                return unavailable(name, why, "the JVM denies native access to " + moduleName() + " ("
                        + cause.getMessage() + "): start java with " + enableNativeAccessOption());
            }
            if (cause instanceof RuntimeException || cause instanceof LinkageError) {
                return unavailable(name, why, "java.lang.foreign cannot bind libc here: " + cause);
            }
            if (e instanceof Error) {
                throw (Error) e;
            }
            throw new IllegalStateException("unexpected failure binding libc through java.lang.foreign", e);
        }
    }

    private static NativeLayer unavailable(String name, String why, String reason) {
        return new NativeLayer(name, why, null, reason);
    }

    /** The FFM layer's constructor, or null where this jar was built without it or the JDK is older. */
    private static MethodHandle foreignConstructor() {
        try {
            Class<?> foreign = Class.forName(FOREIGN_CLASS, false, NativeLayer.class.getClassLoader());
            return MethodHandles.lookup().findConstructor(foreign, MethodType.methodType(void.class));
        } catch (ClassNotFoundException | UnsupportedClassVersionError e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(FOREIGN_CLASS + " has no usable constructor", e);
        }
    }

    /** What to add where the JDK would warn about, or deny, the restricted methods of java.lang.foreign. */
    private static String nativeAccessNote() {
        Module module = NativeLayer.class.getModule();
        try {
            boolean enabled = (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
            return enabled ? "; native access is enabled for " + moduleName()
                    : "; native access is not enabled for " + moduleName() + ", so the JDK warns once about a"
                    + " restricted method: start java with " + enableNativeAccessOption();
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    private static String moduleName() {
        Module module = NativeLayer.class.getModule();
        return module.isNamed() ? "module " + module.getName() : "the class path (ALL-UNNAMED)";
    }

    private static String enableNativeAccessOption() {
        Module module = NativeLayer.class.getModule();
        return "--enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED")
                + " (or the jar manifest's Enable-Native-Access: ALL-UNNAMED for java -jar)";
    }

    /**
     * The layer's name.
     *
     * @return {@code "java.lang.foreign"} or {@code "JNA"} ({@code "none"} for an unknown {@value #PROPERTY})
     */
    public String name() {
        return name;
    }

    /**
     * Why this layer was chosen.
     *
     * @return such as {@code "JDK 25 has java.lang.foreign, so JNA is not loaded"}
     */
    public String why() {
        return why;
    }

    /**
     * One line for reports: the layer and why.
     *
     * @return such as {@code "libc through java.lang.foreign (JDK 25 has java.lang.foreign, ...)"}
     */
    public String description() {
        return "libc through " + name + " (" + why + ")"
                + (unavailableReason == null ? "" : ", unavailable: " + unavailableReason);
    }

    /**
     * Why the calls cannot be made, if they cannot.
     *
     * @return empty when {@link #libc()} may be called
     */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /**
     * The calls.
     *
     * @return the layer's libc
     * @throws IllegalStateException when {@link #unavailableReason()} is present
     */
    public NativeLibc libc() {
        if (libc == null) {
            throw new IllegalStateException(unavailableReason);
        }
        return libc;
    }

    @Override
    public String toString() {
        return description();
    }

    /** Chooses the layer on first use, not when the class is loaded. */
    private static final class Holder {
        static final NativeLayer CURRENT = select(System.getProperty(PROPERTY), Runtime.version().feature());
    }
}
