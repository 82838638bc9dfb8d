package io.divconq.datasets;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a file, each decoded as strict UTF-8 on its own, so one line that is not valid UTF-8 is one bad line
 * (reported by its caller, like any other), not an error that aborts the whole file. Lines end at \n or \r\n.
 */
final class Utf8Lines implements AutoCloseable {

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    Utf8Lines(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** The next line's bytes, without its line end; null at the end of the file. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') break;
            line.write(b);
        }
        if (!any) return null;
        byte[] out = line.toByteArray();
        return out.length > 0 && out[out.length - 1] == '\r' ? Arrays.copyOf(out, out.length - 1) : out;
    }

    /** The line as text. @throws CharacterCodingException if it is not valid UTF-8 */
    String decode(byte[] line) throws CharacterCodingException {
        return utf8.decode(ByteBuffer.wrap(line)).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
