package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onecity.cooperation.internal.WarningJob;
import cn.onecity.identity.Accounts;

/**
 * The daily warning: an item turning 黄 or 红 is announced once to its lead department and to the joint office;
 * running the job again (or on a second instance) does not repeat the notice.
 */
@CooperationIntegrationTest
class WarningJobIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired WarningJob job;
    @Autowired JdbcClient jdbc;

    static CoopTestData data;

    long itemId;
    String code;
    long lead;
    long office;

    @BeforeEach
    void setUp() {
        if (data == null) {
            data = new CoopTestData(accounts, management);
        }
        // milestone due Friday 2026-10-09, deadline Thursday 2026-12-31; lead 湘潭 FGW
        itemId = data.item("预警测试事项", "430300-FGW", List.of("430100-FGW"), LocalDate.of(2026, 12, 31),
                List.of(new NewItem.NewMilestone("开工", LocalDate.of(2026, 10, 9))));
        code = data.codeOf(jdbc, itemId);
        lead = accounts.organisationOfDepartment("430300-FGW").orElseThrow().id();
        office = accounts.jointOffice().orElseThrow().id();
    }

    int yellow(long org) {
        return CoopTestData.messages(jdbc, org, "合作事项亮黄灯：" + code);
    }

    int red(long org) {
        return CoopTestData.messages(jdbc, org, "合作事项亮红灯：" + code);
    }

    @Test
    void anItemTurningYellowThenRedIsAnnouncedOnceEach() {
        // green on 09-23 (6 working days before the milestone): nothing to say
        job.run(LocalDate.of(2026, 9, 23));
        assertThat(yellow(lead) + red(lead)).isZero();

        // 09-24: 5 working days across 中秋 and 国庆 → yellow, to the lead department and the joint office
        job.run(LocalDate.of(2026, 9, 24));
        assertThat(yellow(lead)).isEqualTo(1);
        assertThat(yellow(office)).isEqualTo(1);
        assertThat(notifiedLight()).isEqualTo("YELLOW");

        // the next day, and a second run the same day, repeat nothing
        job.run(LocalDate.of(2026, 9, 25));
        job.run(LocalDate.of(2026, 9, 25));
        assertThat(yellow(lead)).isEqualTo(1);
        assertThat(yellow(office)).isEqualTo(1);

        // 10-12: the milestone passed undone → red, once
        job.run(LocalDate.of(2026, 10, 12));
        job.run(LocalDate.of(2026, 10, 12));
        assertThat(red(lead)).isEqualTo(1);
        assertThat(red(office)).isEqualTo(1);
        assertThat(yellow(lead)).isEqualTo(1);
        // the co-responsible department is not the addressee of warnings
        long co = accounts.organisationOfDepartment("430100-FGW").orElseThrow().id();
        assertThat(red(co)).isZero();
    }

    @Test
    void anItemBackToGreenWarnsAgainWhenItTurnsYellowLater() {
        job.run(LocalDate.of(2026, 9, 24));
        assertThat(yellow(lead)).isEqualTo(1);
        // as of an earlier date it is green again: no notice, but the light is remembered
        job.run(LocalDate.of(2026, 9, 1));
        assertThat(notifiedLight()).isEqualTo("GREEN");
        job.run(LocalDate.of(2026, 9, 28));
        assertThat(yellow(lead)).isEqualTo(2);
    }

    String notifiedLight() {
        return jdbc.sql("SELECT notified_light FROM coop_item WHERE id = :id").param("id", itemId)
                .query(String.class).single();
    }
}
