package cn.onecity.cooperation;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;
import cn.onecity.shared.Times;

/**
 * Test data for the summary, import and dashboard tests: its own accounts, a meeting with a random session
 * number (1000–999999) and item codes that no other test uses, so the tests also run on a shared database.
 */
public final class SummaryFixtures {

    public static final String PASSWORD = "Test-Passw0rd!2026";

    private final Accounts accounts;
    private final CooperationManagement management;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public SummaryFixtures(Accounts accounts, CooperationManagement management, JdbcClient jdbc, TransactionTemplate tx) {
        this.accounts = accounts;
        this.management = management;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** A new joint-office account; returns its username. */
    public CurrentUser office() {
        String username = "off" + unique();
        long org = accounts.jointOffice().orElseThrow().id();
        accounts.createAccount(new NewAccount(username, "一体化办测试员", PASSWORD, Role.JOINT_OFFICE, org, null));
        return accounts.findByUsername(username).orElseThrow();
    }

    /** A new CITY_STAFF account of a department such as {@code 430200-JTJ}. */
    public CurrentUser staff(String departmentCode) {
        String username = "stf" + unique();
        long org = accounts.organisationOfDepartment(departmentCode).orElseThrow().id();
        accounts.createAccount(new NewAccount(username, "部门测试员", PASSWORD, Role.CITY_STAFF, org, null));
        return accounts.findByUsername(username).orElseThrow();
    }

    /** A meeting with an unused random session number. */
    public int meeting(CurrentUser office) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int n = ThreadLocalRandom.current().nextInt(1000, 1_000_000);
            if (jdbc.sql("SELECT COUNT(*) FROM coop_meeting WHERE session_no = :n").param("n", n)
                    .query(Integer.class).single() == 0) {
                management.createMeeting(office, n, "测试联席会议" + n, LocalDate.of(2024, 1, 10), "430100", null, null);
                return n;
            }
        }
        throw new IllegalStateException("no free session number");
    }

    public long item(CurrentUser office, long actionId, String title, Area area, String lead, List<String> co,
            LocalDate deadline) {
        return management.createItem(office, new NewItem(actionId, "T" + unique(), title, area, lead, co,
                "测试目标任务", deadline, 1.0, null, List.of()));
    }

    /** An accepted report, as the joint office would have accepted it on {@code on}. */
    public void accepted(long itemId, String departmentCode, int percent, LocalDate on) {
        OffsetDateTime at = on.atTime(LocalTime.NOON).atZone(Times.ZONE).toOffsetDateTime();
        tx.executeWithoutResult(s -> jdbc.sql("""
                INSERT INTO coop_report (item_id, reporter_name, city_code, department_code, content, percent, status,
                                         submitted_at, reviewed_at, reviewer_name)
                VALUES (:i, '测试报送人', :c, :d, '测试进展', :p, 'ACCEPTED', :at, :at, '测试审核人')""")
                .param("i", itemId).param("c", departmentCode.substring(0, 6)).param("d", departmentCode)
                .param("p", percent).param("at", at).update());
    }
}
