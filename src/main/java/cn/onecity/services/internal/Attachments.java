package cn.onecity.services.internal;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;

/** Content-Disposition for downloads: an ASCII file name for old clients and the Chinese one (RFC 6266/5987). */
final class Attachments {

    private Attachments() {
    }

    static String header(String asciiName, String name) {
        return "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''" + UriUtils.encode(name, StandardCharsets.UTF_8);
    }
}
