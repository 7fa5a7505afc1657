package cn.onecity.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The investment roll-up sums the cities' reported amounts per project, per city and per type; status from milestones. */
class InvestmentRollUpTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    static Project project(long id, ProjectType type, List<ProjectMilestone> milestones, String c1, long a1, String c2, long a2) {
        List<ProjectCity> cities = List.of(new ProjectCity(c1, name(c1), c1 + "-JTJ", "交通运输局", BigDecimal.valueOf(a1)),
                new ProjectCity(c2, name(c2), c2 + "-JTJ", "交通运输局", BigDecimal.valueOf(a2)));
        BigDecimal invested = BigDecimal.valueOf(a1 + a2);
        ProjectStatus status = ProjectStatus.of(milestones, invested.signum() > 0, TODAY);
        return new Project(id, "P" + id, "项目" + id, type, false, BigDecimal.valueOf(200000), null, null, cities, milestones,
                invested, null, status, ProjectStatus.behindSchedule(status, milestones, TODAY), List.of(), TODAY);
    }

    static String name(String code) {
        return switch (code) {
            case "430100" -> "长沙";
            case "430200" -> "株洲";
            default -> "湘潭";
        };
    }

    static ProjectMilestone ms(MilestoneKind kind, String planned, String actual) {
        return new ProjectMilestone(1, 1, kind.label(), kind, LocalDate.parse(planned), actual == null ? null : LocalDate.parse(actual));
    }

    @Test
    void sevenRoadsWhoseReportsAddUpTo570000WanShow57Yi() {
        long[][] amounts = {{66000, 54000}, {52250, 42750}, {48400, 39600}, {39600, 32400}, {35750, 29250}, {38500, 31500}, {33000, 27000}};
        List<Project> roads = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            roads.add(project(i + 1, ProjectType.ROAD, List.of(), i % 2 == 0 ? "430100" : "430300", amounts[i][0], "430200", amounts[i][1]));
        }
        InvestmentRollUp r = InvestmentRollUp.of(roads);
        assertThat(r.projects()).isEqualTo(7);
        assertThat(r.invested()).isEqualByComparingTo("570000");
        assertThat(r.investedYi()).isEqualByComparingTo("57");
        assertThat(r.investedYi().toPlainString()).isEqualTo("57");
        // per city: each city's own share; 株洲 is in all seven
        assertThat(r.byCity()).extracting(InvestmentRollUp.Amount::label).containsExactly("长沙", "株洲", "湘潭");
        assertThat(r.byCity().get(1).invested()).isEqualByComparingTo("256500");
        assertThat(r.byCity().get(1).projects()).isEqualTo(7);
        assertThat(r.byCity().get(0).invested().add(r.byCity().get(2).invested())).isEqualByComparingTo("313500");
        assertThat(r.byType()).singleElement().satisfies(a -> {
            assertThat(a.label()).isEqualTo("融城干道");
            assertThat(a.investedYi()).isEqualByComparingTo("57");
        });
    }

    @Test
    void typesAreRolledUpSeparatelyAndStatusesCounted() {
        Project open = project(1, ProjectType.ROAD, List.of(ms(MilestoneKind.START, "2022-01-31", "2022-01-20"),
                ms(MilestoneKind.OPEN, "2024-09-30", "2024-09-26")), "430100", 1000, "430300", 500);
        Project late = project(2, ProjectType.INDUSTRY, List.of(ms(MilestoneKind.START, "2025-05-31", "2025-05-20"),
                ms(MilestoneKind.OTHER, "2026-10-30", null)), "430300", 300, "430200", 0);
        Project notStarted = project(3, ProjectType.INDUSTRY, List.of(ms(MilestoneKind.START, "2027-03-31", null)), "430300", 0, "430200", 0);
        InvestmentRollUp r = InvestmentRollUp.of(List.of(open, late, notStarted));
        assertThat(r.byType()).extracting(InvestmentRollUp.Amount::label, a -> a.invested().intValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("融城干道", 1500), org.assertj.core.groups.Tuple.tuple("产业", 300));
        assertThat(open.statusLabel()).isEqualTo("已通车");
        assertThat(late.statusLabel()).isEqualTo("在建（滞后）");
        assertThat(notStarted.statusLabel()).isEqualTo("未开工");
        assertThat(r.byStatus()).extracting(InvestmentRollUp.StatusCount::count).containsExactly(1, 1, 1);
        assertThat(r.byStatus().get(1).behindSchedule()).isEqualTo(1);
    }

    @Test
    void reportedInvestmentWithoutAStartDateMeansUnderWayAndADoneIndustryProjectIsBuilt() {
        Project invested = project(1, ProjectType.ECOLOGY, List.of(ms(MilestoneKind.START, "2027-01-31", null)), "430100", 10, "430200", 0);
        assertThat(invested.status()).isEqualTo(ProjectStatus.UNDER_WAY);
        assertThat(invested.behindSchedule()).isFalse();
        Project built = project(2, ProjectType.INDUSTRY, List.of(ms(MilestoneKind.COMPLETE, "2026-10-31", "2026-11-15")), "430100", 10, "430200", 0);
        assertThat(built.statusLabel()).isEqualTo("已建成");
        assertThat(built.milestones().get(0).daysLate(TODAY)).isEqualTo(15);
    }

    @Test
    void yiKeepsTwoDecimals() {
        assertThat(InvestmentRollUp.yi(new BigDecimal("12345.67")).toPlainString()).isEqualTo("1.23");
        assertThat(InvestmentRollUp.yi(BigDecimal.ZERO).toPlainString()).isEqualTo("0");
    }
}
