package cn.onecity.services;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Organisation;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestClock;

/**
 * Test data of the service zone for a database that may be shared and is never empty: items with unique
 * codes, accounts with fresh usernames. Tests assert on their own applications only.
 */
public final class SvcTestData {

    public static final String PASSWORD = "Svc2026test";
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    /** A Windows executable's first bytes ("MZ"), as if renamed to .pdf. */
    public static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};
    public static final String ID_NUMBER = "430304199211200073";

    final Accounts accounts;
    final Catalogue catalogue;
    final CurrentUser office;

    public SvcTestData(Accounts accounts, Catalogue catalogue) {
        this.accounts = accounts;
        this.catalogue = catalogue;
        this.office = user(Role.JOINT_OFFICE, accounts.jointOffice().orElseThrow());
    }

    public CurrentUser staff(String departmentCode) {
        return user(Role.CITY_STAFF, accounts.organisationOfDepartment(departmentCode).orElseThrow());
    }

    public CurrentUser resident() {
        Organisation org = accounts.organisations().stream().filter(o -> o.kind() == cn.onecity.identity.OrganisationKind.PUBLIC)
                .findFirst().orElseGet(() -> accounts.organisation(accounts.createOrganisation("测试社会公众",
                        cn.onecity.identity.OrganisationKind.PUBLIC, "430300", null, null)));
        return user(Role.RESIDENT, org);
    }

    public CurrentUser user(Role role, Organisation org) {
        String username = "t-svc-" + role.name().toLowerCase().replace('_', '-') + "-"
                + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        accounts.createAccount(new NewAccount(username, "测试" + role.label() + username.substring(username.length() - 4),
                PASSWORD, role, org.id(), null));
        return accounts.findByUsername(username).orElseThrow();
    }

    public static String uniqueCode() {
        return "T-" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
    }

    /** A draft for a published item of a department kind with two materials (one optional). */
    public static ItemDraft draft(String code, String name, String kind, String modes, int statutory, int promised) {
        return new ItemDraft(code, name, "个人", "公积金", kind, List.of(modes.split(",")), statutory, promised, "不收费",
                "《住房公积金管理条例》", "转入地公积金中心|必填;备注|选填", null,
                List.of(new ItemDraft.MaterialDraft("居民身份证", true, 1, true),
                        new ItemDraft.MaterialDraft("异地缴存证明", false, 1, true),
                        new ItemDraft.MaterialDraft("委托书", true, 1, false)),
                true);
    }

    public ServiceItem item(String kind, String modes, int promised) {
        String code = uniqueCode();
        long id = catalogue.create(office, draft(code, "测试事项" + code + "（示例）", kind, modes, Math.max(promised, 10), promised));
        return catalogue.item(id);
    }

    public static NewApplication proxy(ServiceItem item, String acceptCity, String handleCity) {
        return new NewApplication(item.id(), "PROXY", acceptCity, handleCity, null, "张三", ID_NUMBER, "13900001111",
                Map.of("转入地公积金中心", "长沙住房公积金管理中心"));
    }

    public static List<Upload> requiredFiles(ServiceItem item) {
        List<Upload> out = new ArrayList<>();
        for (Material m : item.materials()) {
            if (m.required()) {
                out.add(new Upload(m.id(), m.name() + ".pdf", PDF));
            }
        }
        return out;
    }

    /** Moves the test clock to a moment (Beijing time); the caller resets it. */
    public static void setClock(TestClock clock, OffsetDateTime at) {
        clock.reset();
        clock.advance(Duration.between(OffsetDateTime.now(), at));
    }

    /** Runs the timer jobs of a process that are due on the engine's (platform) clock. */
    public static int fireDueTimers(ManagementService management, String processInstanceId) {
        List<Job> due = management.createTimerJobQuery().processInstanceId(processInstanceId).executable().list();
        for (Job j : due) {
            Job moved = management.moveTimerToExecutableJob(j.getId());
            management.executeJob(moved.getId());
        }
        return due.size();
    }

    /** Whether a case is in a member of staff's inbox, looking through every page of it. */
    public static boolean inInbox(Handling handling, CurrentUser staff, String number) {
        for (int page = 0; ; page++) {
            cn.onecity.shared.PageResult<Handling.InboxTask> p = handling.inbox(staff, page, 200);
            if (p.content().stream().anyMatch(t -> t.application().number().equals(number))) {
                return true;
            }
            if (!p.hasNext()) {
                return false;
            }
        }
    }

    public static int messages(JdbcClient jdbc, long organisationId, String titlePart) {
        return jdbc.sql("SELECT COUNT(*) FROM ntf_message WHERE recipient_org_id = :o AND title LIKE :t")
                .param("o", organisationId).param("t", "%" + titlePart + "%").query(Integer.class).single();
    }
}
