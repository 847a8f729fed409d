package org.attnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that names the line of the first invalid byte. */
final class Utf8Text {

    private Utf8Text() {
    }

    /**
     * Reads a whole stream as UTF-8, dropping a leading byte-order mark.
     *
     * @throws DatasetFormatException naming file and line at the first invalid byte sequence
     */
    static String read(InputStream in, String file) throws IOException {
        byte[] bytes = in.readAllBytes();
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer src = ByteBuffer.wrap(bytes);
        CharBuffer dst = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(src, dst, true);
        if (r.isError()) {
            long line = 1;
            for (int i = 0; i < src.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new DatasetFormatException(file, line, "not valid UTF-8 (byte offset " + src.position() + ")");
        }
        dec.flush(dst);
        dst.flip();
        String s = dst.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
