package io.github.lllqos.fake;

/**
 * The kernel's string-to-integer conversions ({@code lib/kstrtox.c}), with their exact acceptance rules:
 * an optional sign, an optional {@code 0x} for base 16, digits, at most one trailing newline, nothing else;
 * {@code ERANGE} when the value does not fit, {@code EINVAL} for anything else that is wrong. Strings are
 * C strings: they end at the first NUL byte.
 */
final class Kstrtox {

    /** The buffer of {@code kstrtos32_from_user}: sign, 32 binary digits, newline, terminator. */
    static final int S32_FROM_USER_BUFFER = 1 + Integer.SIZE + 1 + 1;

    private Kstrtox() {
    }

    /** Thrown with the errno a conversion failed with; the caller names the call. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final String errno;

        Failure(String errno) {
            super(errno, null, false, false);
            this.errno = errno;
        }
    }

    /**
     * {@code kstrtos32_from_user}: copies at most {@value #S32_FROM_USER_BUFFER} - 1 bytes of user data into a
     * terminated buffer and converts it with {@link #kstrtos32}; longer writes are silently truncated.
     */
    static int kstrtos32FromUser(byte[] user, int base) throws Failure {
        int count = Math.min(user.length, S32_FROM_USER_BUFFER - 1);
        return kstrtos32(user, count, base);
    }

    /** {@code kstrtos32} (and {@code kstrtoint}) over the C string in {@code s[0..length)}. */
    static int kstrtos32(byte[] s, int length, int base) throws Failure {
        long value = kstrtoll(terminated(s, length), base);
        if (value != (int) value) {
            throw new Failure("ERANGE");
        }
        return (int) value;
    }

    private static byte[] terminated(byte[] s, int length) {
        int end = 0;
        while (end < length && s[end] != 0) {
            end++;
        }
        byte[] string = new byte[end + 1];
        System.arraycopy(s, 0, string, 0, end);
        return string;
    }

    /** {@code kstrtoll} over a NUL-terminated string. */
    private static long kstrtoll(byte[] s, int base) throws Failure {
        if (s[0] == '-') {
            long magnitude = kstrtoullUnsigned(s, 1, base);
            if (-magnitude > 0) {
                throw new Failure("ERANGE");
            }
            return -magnitude;
        }
        long value = kstrtoullUnsigned(s, s[0] == '+' ? 1 : 0, base);
        if (value < 0) {
            throw new Failure("ERANGE");
        }
        return value;
    }

    /** {@code _kstrtoull}: the unsigned 64-bit value (in a long's bits) of the string from {@code start}. */
    private static long kstrtoullUnsigned(byte[] s, int start, int base) throws Failure {
        int at = start;
        int radix = base;
        if (radix == 0) {
            if (s[at] == '0') {
                radix = lower(s[at + 1]) == 'x' && digit(s[at + 2]) >= 0 ? 16 : 8;
            } else {
                radix = 10;
            }
        }
        if (radix == 16 && s[at] == '0' && lower(s[at + 1]) == 'x') {
            at += 2;
        }
        long result = 0;
        int digits = 0;
        boolean overflow = false;
        while (true) {
            int value = digit(s[at]);
            if (value < 0 || value >= radix) {
                break;
            }
            if (Long.compareUnsigned(result, Long.divideUnsigned(-1L - value, radix)) > 0) {
                overflow = true;
            }
            result = result * radix + value;
            digits++;
            at++;
        }
        if (overflow) {
            throw new Failure("ERANGE");
        }
        if (digits == 0) {
            throw new Failure("EINVAL");
        }
        if (s[at] == '\n') {
            at++;
        }
        if (s[at] != 0) {
            throw new Failure("EINVAL");
        }
        return result;
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The value of a hex digit, or -1. */
    private static int digit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = lower(c);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
