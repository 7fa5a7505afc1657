package cn.onecity.notification;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.CurrentUser;
import cn.onecity.notification.internal.SmsOutbox;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;

/**
 * Sends and lists in-app messages. A message to an account of a category configured for SMS
 * ({@code onecity.notification.sms.categories}) is also sent as an SMS to the account's phone, through the
 * {@link SmsOutbox} in the same transaction.
 */
@Service
public class Notifications {

    private static final String VISIBLE = "(m.recipient_account_id = :account OR m.recipient_org_id = :org)";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SmsOutbox sms;

    Notifications(JdbcClient jdbc, Clock clock, SmsOutbox sms) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sms = sms;
    }

    @Transactional
    public void sendToOrganisation(long organisationId, String category, String title, String body, String link) {
        insert(organisationId, null, category, title, body, link);
    }

    @Transactional
    public void sendToAccount(long accountId, String category, String title, String body, String link) {
        insert(null, accountId, category, title, body, link);
        sms.enqueue(accountId, category, title, body);
    }

    private void insert(Long org, Long account, String category, String title, String body, String link) {
        jdbc.sql("""
                INSERT INTO ntf_message (recipient_org_id, recipient_account_id, category, title, body, link, created_at)
                VALUES (:org, :account, :category, :title, :body, :link, :at)""")
                .param("org", org).param("account", account).param("category", category)
                .param("title", title.length() > 200 ? title.substring(0, 200) : title)
                .param("body", body).param("link", link).param("at", OffsetDateTime.now(clock))
                .update();
    }

    public long unreadCount(CurrentUser user) {
        return jdbc.sql("SELECT COUNT(*) FROM ntf_message m WHERE " + VISIBLE
                        + " AND NOT EXISTS (SELECT 1 FROM ntf_read r WHERE r.message_id = m.id AND r.account_id = :account)")
                .param("account", user.accountId()).param("org", user.organisationId()).query(Long.class).single();
    }

    public PageResult<Message> inbox(CurrentUser user, int page, int size) {
        long total = jdbc.sql("SELECT COUNT(*) FROM ntf_message m WHERE " + VISIBLE)
                .param("account", user.accountId()).param("org", user.organisationId()).query(Long.class).single();
        var list = jdbc.sql("""
                SELECT m.*, CASE WHEN r.message_id IS NULL THEN FALSE ELSE TRUE END AS is_read
                FROM ntf_message m LEFT JOIN ntf_read r ON r.message_id = m.id AND r.account_id = :account
                WHERE """ + VISIBLE + " ORDER BY m.created_at DESC, m.id DESC LIMIT :limit OFFSET :offset")
                .param("account", user.accountId()).param("org", user.organisationId())
                .param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> new Message(rs.getLong("id"), rs.getString("category"), rs.getString("title"),
                        rs.getString("body"), rs.getString("link"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getBoolean("is_read")))
                .list();
        return new PageResult<>(list, page, size, total);
    }

    /** Marks one message read, and returns its link (or null). */
    @Transactional
    public String markRead(CurrentUser user, long messageId) {
        // a message the user cannot see is "not found", whoever it belongs to
        java.util.Optional<java.util.Optional<String>> link = jdbc.sql("SELECT link FROM ntf_message m WHERE m.id = :id AND " + VISIBLE)
                .param("id", messageId).param("account", user.accountId()).param("org", user.organisationId())
                .query((rs, i) -> java.util.Optional.ofNullable(rs.getString("link"))).optional();
        if (link.isEmpty()) {
            throw new NotFoundException("消息不存在");
        }
        jdbc.sql("""
                INSERT INTO ntf_read (message_id, account_id, read_at)
                SELECT :id, :account, :at FROM ntf_message
                WHERE id = :id AND NOT EXISTS (SELECT 1 FROM ntf_read WHERE message_id = :id AND account_id = :account)""")
                .param("id", messageId).param("account", user.accountId()).param("at", OffsetDateTime.now(clock))
                .update();
        return link.get().orElse(null);
    }

    @Transactional
    public void markAllRead(CurrentUser user) {
        jdbc.sql("""
                INSERT INTO ntf_read (message_id, account_id, read_at)
                SELECT m.id, :account, :at FROM ntf_message m WHERE """ + VISIBLE + """
                 AND NOT EXISTS (SELECT 1 FROM ntf_read r WHERE r.message_id = m.id AND r.account_id = :account)""")
                .param("account", user.accountId()).param("org", user.organisationId())
                .param("at", OffsetDateTime.now(clock)).update();
    }
}
