package cn.onecity.web.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The limit on an API request body that is not a multipart upload (JSON above all): {@value #MAX_BYTES} bytes. A
 * JSON body is parsed into memory whole before any controller can check its size, so without a limit one request
 * could exhaust the heap. The largest legitimate bodies (a batch of 1,000 readings, 500 health-card uses) are well
 * under 1 MB. Uploads have their own limits (spring.servlet.multipart), and form posts the container's.
 */
final class BodyLimit {

    static final long MAX_BYTES = 4L * 1024 * 1024;
    static final String TOO_LARGE = "请求体过大：不能超过 4 MB，批量数据请分批提交";

    private BodyLimit() {
    }

    /** Whether this request's body is one the limit applies to. */
    static boolean applies(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** Thrown while reading a body without a declared length once it passes the limit. */
    static final class TooLarge extends IOException {

        TooLarge() {
            super("request body over " + MAX_BYTES + " bytes");
        }
    }

    /** Whether {@code e} or one of its causes is {@link TooLarge}. */
    static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    /** A request whose body stream fails with {@link TooLarge} after {@code max} bytes (a chunked body). */
    static final class Limited extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;
        private BufferedReader reader;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private long read;

        Counting(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
