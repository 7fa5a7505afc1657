package cn.onecity.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors that no REST controller handles on {@code /api/**} — an unknown path, a method the path does not
 * support, an upload that is too large, an exception that escapes the dispatcher — would otherwise reach the
 * container's error page and answer in Boot's default JSON. This filter answers them as
 * {@code application/problem+json} with a Chinese {@code detail} instead: it turns {@code sendError} into a
 * problem document and catches what escapes. Errors handled by {@link ApiExceptionHandler} never get here. It also
 * refuses a request body over {@link BodyLimit#MAX_BYTES} (other than an upload) with 413, before it is read when its
 * length is declared, and as soon as it passes the limit when it is chunked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiErrorFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorFilter.class);

    /**
     * An upload over the multipart limits (spring.servlet.multipart). The container rejects it while the request
     * is parsed, before any controller is chosen, so it arrives here as {@code sendError(413)}.
     */
    static final String UPLOAD_TOO_LARGE = "上传的文件过大：单个文件不能超过 20 MB，一次提交的文件合计不能超过 100 MB";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemResponse wrapped = new ProblemResponse(response);
        HttpServletRequest limited = request;
        if (BodyLimit.applies(request)) {
            long length = request.getContentLengthLong();
            if (length > BodyLimit.MAX_BYTES) {
                write(response, 413, BodyLimit.TOO_LARGE);
                return;
            }
            if (length < 0) { // chunked: counted as it is read
                limited = new BodyLimit.Limited(request, BodyLimit.MAX_BYTES);
            }
        }
        try {
            chain.doFilter(limited, wrapped);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            if (BodyLimit.causedBy(e)) {
                write(response, 413, BodyLimit.TOO_LARGE);
                return;
            }
            log.error("unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
            write(response, 500);
        }
    }

    /** The Chinese detail for a status that reached the container. */
    static String detail(int status) {
        return switch (status) {
            case 400 -> "请求格式不正确或缺少必填参数";
            case 401 -> "需要登录：请用 HTTP Basic 提供正确的用户名和密码";
            case 403 -> "无权访问：当前账户的角色或数据范围不允许此操作";
            case 404 -> "请求的接口不存在，请核对地址（接口文档见 /swagger-ui.html）";
            case 405 -> "该接口不支持此请求方法";
            case 406 -> "不支持请求的响应格式";
            case 413 -> UPLOAD_TOO_LARGE;
            case 415 -> "不支持该内容类型";
            case 429 -> "请求过于频繁，请稍后再试";
            default -> status >= 500 ? "服务器内部错误，请稍后再试；如持续出现请联系管理员" : "请求无法处理";
        };
    }

    static void write(HttpServletResponse response, int status) throws IOException {
        write(response, status, detail(status));
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException writerAlreadyUsed) {
            response.getWriter().write(body);
        }
        response.flushBuffer();
    }

    /** Writes a problem document where the container would send its error page. */
    private static final class ProblemResponse extends HttpServletResponseWrapper {

        ProblemResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                super.sendError(status, message);
                return;
            }
            write((HttpServletResponse) getResponse(), status);
        }
    }
}
