package cn.onecity.services.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import cn.onecity.services.Applications;
import cn.onecity.services.Upload;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/** What the service-zone page controllers share: labels, error maps, uploads and downloads. */
final class ServicePages {

    /** Application statuses for filters, in the order a case goes through them. */
    static final Map<String, String> STATUSES = new LinkedHashMap<>();

    static {
        STATUSES.put("IN_PROGRESS", "办理中");
        STATUSES.put("DONE", "已办结");
        STATUSES.put("RETURNED", "已退回");
        STATUSES.put("REJECTED", "不予受理");
        STATUSES.put("WITHDRAWN", "已撤回");
    }

    /** Rectification statuses for the filter of the 差评整改 list. */
    static final Map<String, String> RECTIFICATION_STATUSES = new LinkedHashMap<>();

    static {
        RECTIFICATION_STATUSES.put("OPEN", "待整改");
        RECTIFICATION_STATUSES.put("ANSWERED", "已整改并回访");
        RECTIFICATION_STATUSES.put("APPEALED", "申诉中");
        RECTIFICATION_STATUSES.put("APPEAL_UPHELD", "申诉成立");
    }

    static final int PAGE_SIZE = 20;

    private ServicePages() {
    }

    /** A status filter value that the list knows, or null for "all". */
    static String status(String status, Map<String, String> known) {
        return status != null && known.containsKey(status.trim()) ? status.trim() : null;
    }

    /** The module's field messages by field; several messages of one field are joined. */
    static Map<String, String> errors(BusinessException e) {
        return e.byField();
    }

    /** Whether an exception is about the request (re-render the form) rather than access or state. */
    static boolean isInputError(BusinessException e) {
        return e.status() == 400;
    }

    /** A chosen file as an upload; null when the browser sent an empty part (no file chosen). */
    static Upload upload(Long materialId, MultipartFile f) {
        if (f == null) {
            return null;
        }
        boolean unnamed = f.getOriginalFilename() == null || f.getOriginalFilename().isBlank();
        if (f.isEmpty() && unnamed) {
            return null;
        }
        try {
            return new Upload(materialId, f.getOriginalFilename(), f.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The multipart view of a request, or null when it is not multipart. Security filters wrap the request, so
     * {@code instanceof} on the request a controller receives is not enough.
     */
    static MultipartHttpServletRequest multipart(HttpServletRequest request) {
        return WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
    }

    static ResponseEntity<byte[]> download(Applications.Download d) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(d.contentType() == null ? "application/octet-stream" : d.contentType());
        } catch (IllegalArgumentException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(d.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(d.content());
    }

    static ResponseEntity<String> svg(String svg) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(svg);
    }

    /** A number from a form, safe to put into a redirect path. */
    static String safeNumber(String number) {
        return number != null && number.matches("[A-Za-z0-9]{1,40}") ? number : null;
    }
}
