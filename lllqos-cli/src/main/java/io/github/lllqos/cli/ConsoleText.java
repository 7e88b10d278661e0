package io.github.lllqos.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The one place that decides how the command's text reaches the terminal: in the encoding the JVM gives standard
 * output, and with {@code µs} written as {@code us} where that encoding has no {@code µ} (LANG=C, cron, systemd
 * units, scratch containers), as cyclictest writes it, instead of the {@code ?} the encoder would print.
 */
final class ConsoleText {

    private static final char MICRO = 'µ';

    private ConsoleText() {
    }

    /** A writer to standard output. */
    static PrintWriter out() {
        return writer(System.out, outputCharset());
    }

    /** A writer to standard error. */
    static PrintWriter err() {
        return writer(System.err, outputCharset());
    }

    /**
     * A writer that encodes in {@code charset}, replacing {@code µ} by {@code u} if the charset cannot encode it.
     *
     * @param stream the bytes' destination
     * @param charset the terminal's encoding
     * @return an auto-flushing writer
     */
    static PrintWriter writer(OutputStream stream, Charset charset) {
        Writer encoded = new OutputStreamWriter(stream, charset);
        return new PrintWriter(charset.newEncoder().canEncode(MICRO) ? encoded : new AsciiMicro(encoded), true);
    }

    /**
     * The encoding of standard output: {@code stdout.encoding} (JDK 19+), {@code sun.stdout.encoding}, else the
     * platform's native encoding (what {@link PrintStream System.out} uses).
     */
    static Charset outputCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding",
                System.getProperty("native.encoding", Charset.defaultCharset().name())));
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Charset.defaultCharset();
        }
    }

    /** Writes {@code µ} as {@code u}. */
    private static final class AsciiMicro extends FilterWriter {

        AsciiMicro(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            super.write(c == MICRO ? 'u' : c);
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            char[] copy = new char[length];
            for (int i = 0; i < length; i++) {
                char c = buffer[offset + i];
                copy[i] = c == MICRO ? 'u' : c;
            }
            super.write(copy, 0, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            super.write(text.substring(offset, offset + length).replace(MICRO, 'u'), 0, length);
        }
    }
}
