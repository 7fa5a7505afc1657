package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Organisation;
import cn.onecity.identity.Role;
import cn.onecity.shared.ConflictException;

/**
 * Test data of 协同督办 for a database that may be shared and is never empty: a meeting with a random session
 * number, items with codes unique to it, accounts with fresh usernames. Tests assert on these rows only.
 */
final class CoopTestData {

    static final String PASSWORD = "Coop2026test";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] TEXT = "这不是 PDF，只是一段文字。".getBytes(StandardCharsets.UTF_8);

    final Accounts accounts;
    final CooperationManagement management;
    final int meeting;
    final long action;
    final CurrentUser office;
    private int seq;

    CoopTestData(Accounts accounts, CooperationManagement management) {
        this.accounts = accounts;
        this.management = management;
        this.office = user(Role.JOINT_OFFICE, accounts.jointOffice().orElseThrow());
        int n = 0;
        for (int attempt = 0; ; attempt++) {
            n = ThreadLocalRandom.current().nextInt(1000, 999_999);
            try {
                management.createMeeting(office, n, "测试联席会议 " + n, LocalDate.of(2026, 1, 10), "430100", "测试", null);
                break;
            } catch (ConflictException e) {
                if (attempt > 20) {
                    throw e;
                }
            }
        }
        this.meeting = n;
        this.action = management.ensureAction(office, meeting, "测试行动");
    }

    /** A CITY_STAFF account of a department, e.g. {@code 430100-FGW}. */
    CurrentUser staff(String departmentCode) {
        return user(Role.CITY_STAFF, accounts.organisationOfDepartment(departmentCode).orElseThrow());
    }

    CurrentUser user(Role role, Organisation org) {
        String username = "t-coop-" + role.name().toLowerCase().replace('_', '-') + "-"
                + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        accounts.createAccount(new NewAccount(username, "测试" + role.label() + username.substring(username.length() - 4),
                PASSWORD, role, org.id(), null));
        return accounts.findByUsername(username).orElseThrow();
    }

    String code(String suffix) {
        return "T" + meeting + "-" + suffix + (++seq);
    }

    long item(String title, String lead, List<String> co, LocalDate deadline, List<NewItem.NewMilestone> milestones) {
        return management.createItem(office, new NewItem(action, code("I"), title, Area.TRANSPORT, lead, co,
                "测试目标：" + title, deadline, 1.0, null, milestones));
    }

    String codeOf(JdbcClient jdbc, long itemId) {
        return jdbc.sql("SELECT code FROM coop_item WHERE id = :id").param("id", itemId).query(String.class).single();
    }

    /** Messages to an organisation whose title contains a text. */
    static int messages(JdbcClient jdbc, long organisationId, String titlePart) {
        return jdbc.sql("SELECT COUNT(*) FROM ntf_message WHERE recipient_org_id = :o AND title LIKE :t")
                .param("o", organisationId).param("t", "%" + titlePart + "%").query(Integer.class).single();
    }

    /** Waits (at most 10 s) for an asynchronous listener's effect; never asserts on timing. */
    static void eventually(Supplier<Boolean> condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                assertThat(condition.get()).as(what).isTrue();
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
