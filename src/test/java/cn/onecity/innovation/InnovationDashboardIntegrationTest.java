package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onecity.dashboard.Dashboard;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;

/** The 驾驶舱's 科技成果转化 figures are computed from records: a new contract of the newest year moves them. */
@cn.onecity.services.ServicesIntegrationTest
class InnovationDashboardIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired Contracts contracts;
    @Autowired Results results;
    @Autowired Dashboard dashboard;

    @Test
    void aContractAndAResultMoveTheDashboardFigures() {
        InvTestData data = new InvTestData(accounts);
        CurrentUser office = data.jointOffice();
        var before = dashboard.innovation();
        int year = before.year();
        LocalDate on = LocalDate.of(year, 1, 1);
        contracts.register(office, new Contracts.Draft("DEVELOPMENT", InvTestData.unique("驾驶舱合同"), "湖南大学", "430100",
                InvTestData.unique("株洲企业"), "430200", new BigDecimal("10000"), on.toString(), null, null));
        results.publish(data.institution("430200"), new Results.Draft(InvTestData.unique("驾驶舱成果"), "新材料", "", 5, "",
                "TRANSFER", null, ""));
        var after = dashboard.innovation();
        assertThat(after.year()).isEqualTo(year);
        assertThat(after.contracts()).isEqualTo(before.contracts() + 1);
        assertThat(after.turnoverWan()).isEqualByComparingTo(before.turnoverWan().add(new BigDecimal("10000")));
        assertThat(after.turnoverYi()).isEqualByComparingTo(after.turnoverWan().divide(new BigDecimal("10000"), 2, java.math.RoundingMode.HALF_UP));
        assertThat(after.results()).isEqualTo(before.results() + 1);
        long flowBefore = before.flows().stream().filter(f -> f.fromCity().equals("长沙") && f.toCity().equals("株洲"))
                .mapToLong(Contracts.Flow::contracts).sum();
        assertThat(after.flows().stream().filter(f -> f.fromCity().equals("长沙") && f.toCity().equals("株洲"))
                .mapToLong(Contracts.Flow::contracts).sum()).isEqualTo(flowBefore + 1);
    }
}
