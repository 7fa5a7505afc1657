package cn.onecity.notification;

import java.time.OffsetDateTime;

public record Message(long id, String category, String title, String body, String link, OffsetDateTime createdAt,
        boolean read) {
}
