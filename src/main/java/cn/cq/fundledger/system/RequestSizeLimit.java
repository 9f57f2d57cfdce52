package cn.cq.fundledger.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the body of every request that is not a file upload ({@code fundledger.http.max-body-size},
 * 1 MB): a single fact is a few hundred bytes, so a larger body is refused with 413 before it is read into
 * memory, whether it declares its length or streams it in chunks. Uploads to {@code /api/imports} have
 * their own, larger bounds ({@code fundledger.import.*}) and are streamed to disk.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestSizeLimit(@Value("${fundledger.http.max-body-size:1MB}") DataSize maxBodySize) {
        this.maxBytes = maxBodySize.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/imports")
                || (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response);
            return;
        }
        Bounded bounded = new Bounded(request, maxBytes);
        try {
            chain.doFilter(bounded, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!bounded.exceeded || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            refuse(response);
        }
        if (bounded.exceeded && !response.isCommitted()) {
            response.reset();
            refuse(response);
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Connection", "close");
        response.getWriter().write("{\"type\":\"urn:fund-ledger:problem:too-large\",\"title\":\"Too large\",\"status\":413,"
                + "\"detail\":\"the request body is larger than " + maxBytes + " bytes, the most a single request may "
                + "send; files go to /api/imports\",\"field\":\"body\",\"rule\":\"too-large\"}");
    }

    /** Thrown by a bounded body once it has given more than the bound. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(long max) {
            super("the request body is larger than " + max + " bytes, the most a single request may send; files go to "
                    + "/api/imports");
        }
    }

    /** A request whose body stops (and marks itself exceeded) once it has given more than the bound. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long max;
        private boolean exceeded;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

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

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > max) {
                            exceeded = true;
                            throw new BodyTooLarge(max);
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
                };
            }
            return stream;
        }
    }
}
