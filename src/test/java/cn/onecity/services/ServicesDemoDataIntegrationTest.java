package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.flowable.engine.HistoryService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.IdNumbers;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.Times;

/**
 * Runs the demo data loaders into a context of their own (a fresh in-memory H2; the same context as the
 * cooperation demo test) and checks the service zone's catalogue and demo applications. Skipped on a shared
 * database (CI on PostgreSQL), where other tests' rows would be seen and the loader skips.
 */
@SpringBootTest(properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
@DisabledIfEnvironmentVariable(named = "ONECITY_TEST_DB_URL", matches = ".+")
class ServicesDemoDataIntegrationTest {

    @Autowired Catalogue catalogue;
    @Autowired Applications applications;
    @Autowired Ratings ratings;
    @Autowired ServiceStatistics statistics;
    @Autowired ServiceClock serviceClock;
    @Autowired HistoryService history;
    @Autowired Accounts accounts;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    CurrentUser office;

    @BeforeEach
    void onlyOnAnIsolatedH2() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assumeTrue(c.getMetaData().getURL().startsWith("jdbc:h2:mem:"), "demo data test needs its own in-memory H2");
        }
        office = accounts.findByUsername("office").orElseThrow();
    }

    @Test
    void theCatalogueHas185PublishedItemsIncludingTheFiveRequiredOnes() {
        assertThat(catalogue.count(Catalogue.PUBLISHED)).isEqualTo(185);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM svc_item").query(Long.class).single()).isEqualTo(185);
        Map<String, String> required = Map.of("CZT-0007", "出具贷款职工住房公积金缴存使用证明", "CZT-0065", "异地就医结算备案",
                "CZT-0031", "养老保险关系转移接续", "CZT-0081", "居民身份证换领", "CZT-0118", "企业设立登记");
        required.forEach((code, name) -> {
            ServiceItem item = catalogue.findByCode(code).orElseThrow();
            assertThat(item.name()).isEqualTo(name);
            assertThat(item.published()).isTrue();
            assertThat(item.departments()).hasSize(3);
            assertThat(item.materials()).isNotEmpty();
        });
        ServiceItem loanProof = catalogue.findByCode("CZT-0007").orElseThrow();
        assertThat(loanProof.subject()).isEqualTo(Subject.PERSONAL);
        assertThat(loanProof.modes()).containsExactly(Mode.ONLINE, Mode.PROXY);
        assertThat(loanProof.departments()).containsEntry("430300", "430300-GJJ");
        assertThat(loanProof.formFields()).extracting(FormField::label).contains("贷款所在地公积金中心");
        // invented items say so in their name
        assertThat(catalogue.findByCode("CZT-0019").orElseThrow().isSample()).isTrue();
    }

    @Test
    void searchingForAHousingFundLoanFindsHousingFundItemsFirst() {
        PageResult<ServiceItem> hits = catalogue.search(Catalogue.ItemFilter.published("公积金 异地 贷款"), 0, 10);
        assertThat(hits.totalElements()).isPositive();
        assertThat(hits.content().subList(0, 5)).allSatisfy(i -> assertThat(i.theme()).isEqualTo("公积金"));
        assertThat(hits.content().get(0).name()).contains("公积金").contains("贷款");
    }

    @Test
    void theDemoStaffAccountsExist() {
        Map<String, String> staff = Map.of("cs-gjj", "430100-GJJ", "zz-gjj", "430200-GJJ", "xt-gjj", "430300-GJJ",
                "cs-gaj", "430100-GAJ", "cs-rsj", "430100-RSJ");
        staff.forEach((username, department) -> {
            CurrentUser u = accounts.findByUsername(username).orElseThrow();
            assertThat(u.role()).isEqualTo(Role.CITY_STAFF);
            assertThat(u.departmentCode()).isEqualTo(department);
            assertThat(u.displayName()).endsWith("（示例人员）");
        });
    }

    @Test
    void theDemoApplicationsCoverEveryStateModeAndCityPair() {
        List<Applications.Summary> all = applications.list(office, null, 0, 200).content();
        assertThat(all).hasSizeBetween(20, 30);
        assertThat(all).allSatisfy(s -> assertThat(s.number()).startsWith("CZT"));
        Map<String, Long> byStage = all.stream().collect(Collectors.groupingBy(Applications.Summary::stageLabel, Collectors.counting()));
        assertThat(byStage.keySet()).contains("待窗口收件", "待受理", "待补正", "审核中", "待办结", "多地联办中", "已办结", "已撤回", "不予受理");
        assertThat(byStage.get("已办结")).isGreaterThanOrEqualTo(5);
        assertThat(all).extracting(Applications.Summary::mode).contains(Mode.ONLINE, Mode.PROXY, Mode.JOINT);
        assertThat(statistics.figures().flows()).allSatisfy(f -> assertThat(f.applications()).as(f.fromName() + "→" + f.toName())
                .isPositive());

        // applicants are marked as examples and carry valid test ID numbers
        for (Applications.Summary s : all) {
            Map<String, String> applicant = applications.revealApplicant(office, s.number());
            assertThat(applicant.get("name")).contains("示例");
            assertThat(IdNumbers.isValid(applicant.get("idNumber"), java.time.LocalDate.now())).isTrue();
        }

        // a case in 补正 lists the missing materials; a completed case was rated
        ApplicationView supplement = all.stream().filter(s -> s.stageLabel().equals("待补正")).findFirst()
                .map(s -> applications.view(office, s.number())).orElseThrow();
        assertThat(supplement.openSupplement().materials()).isNotEmpty();
        assertThat(supplement.clock().paused()).isTrue();
        List<ApplicationView> done = all.stream().filter(s -> s.status().equals("DONE")).map(s -> applications.view(office, s.number()))
                .toList();
        assertThat(done).allSatisfy(v -> assertThat(v.ratings()).isNotEmpty());
        assertThat(done).anySatisfy(v -> assertThat(v.deliveryMethod()).isEqualTo("WINDOW"));
        assertThat(done).anySatisfy(v -> assertThat(v.mode()).isEqualTo(Mode.JOINT));

        // 不满意 opened rectifications: one still open, one answered with a call-back
        List<Ratings.RectificationItem> rect = ratings.rectifications(office, null, 0, 50).content();
        assertThat(rect).extracting(Ratings.RectificationItem::status).contains("OPEN", "ANSWERED");
        assertThat(rect).allSatisfy(x -> assertThat(x.level()).isLessThanOrEqualTo(2));

        // the 湘潭 window sees the cases it took in, the 长沙 housing-fund centre its own inbox
        CurrentUser csGjj = accounts.findByUsername("cs-gjj").orElseThrow();
        assertThat(applications.list(csGjj, null, 0, 200).totalElements()).isPositive();
    }

    @Test
    void completedDemoCasesTookSomeWorkingDaysWithinTheirPromisedLimitSoTheAverageHandlingTimeIsPositive() {
        ServiceStatistics.Figures figures = statistics.figures();
        assertThat(figures.averageDays()).isGreaterThan(BigDecimal.ZERO);
        assertThat(figures.onTimeRate()).isEqualByComparingTo("100");
        assertThat(figures.overdueOpen()).isZero();

        record Done(String number, LocalDate start, LocalDate completed, int used, int paused, int promised, LocalDate due) {
        }
        List<Done> done = jdbc.sql("""
                SELECT number, clock_start, completed_on, used_days, paused_days, promised_days, due_date
                FROM svc_application WHERE status = 'DONE'""")
                .query((rs, n) -> new Done(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getObject(7, LocalDate.class)))
                .list();
        assertThat(done).hasSizeGreaterThanOrEqualTo(5);
        long usedSum = 0;
        for (Done d : done) {
            assertThat(d.completed()).as(d.number()).isBefore(serviceClock.today());
            // the days used are the working days between the clock's start and completion, pauses excluded
            assertThat(d.used()).as(d.number()).isEqualTo(serviceClock.workingDaysAfter(d.start(), d.completed()) - d.paused())
                    .isBetween(0, d.promised());
            assertThat(d.completed()).as(d.number()).isBeforeOrEqualTo(d.due());
            usedSum += d.used();
        }
        assertThat(usedSum).isPositive();
        assertThat(figures.averageDays()).isEqualByComparingTo(BigDecimal.valueOf(usedSum)
                .divide(BigDecimal.valueOf(done.size()), 1, java.math.RoundingMode.HALF_UP));
    }

    @Test
    void everyDemoCaseHasAPastTimelineThatTheWorkflowHistoryAgreesWith() {
        OffsetDateTime now = OffsetDateTime.now();
        for (Applications.Summary s : applications.list(office, null, 0, 200).content()) {
            ApplicationView v = applications.view(office, s.number());
            // the number carries the day of submission, which lies before today
            LocalDate submittedOn = v.submittedAt().atZoneSameInstant(Times.ZONE).toLocalDate();
            assertThat(submittedOn).as(s.number()).isBefore(serviceClock.today());
            assertThat(s.number()).startsWith("CZT" + submittedOn.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            // steps were written in the order they happened, the submission first
            List<OffsetDateTime> written = jdbc.sql("SELECT at FROM svc_step WHERE application_id = :a ORDER BY id")
                    .param("a", v.id()).query(OffsetDateTime.class).list();
            assertThat(written).as(s.number()).isSortedAccordingTo(OffsetDateTime::compareTo);
            assertThat(v.steps().get(0).step()).isEqualTo("SUBMIT");
            assertThat(v.steps().get(0).at().toInstant()).isEqualTo(v.submittedAt().toInstant());
            assertThat(written.get(written.size() - 1)).as(s.number()).isBefore(now);
            assertThat(v.clock().light()).as(s.number()).isNotEqualTo(ClockState.Light.RED);
            assertThat(v.openTasks()).allSatisfy(t -> assertThat(t.created()).as(s.number())
                    .isAfterOrEqualTo(v.submittedAt()).isBefore(now));
            HistoricProcessInstance p = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(v.processInstanceId()).singleResult();
            assertThat(p.getStartTime().toInstant()).as(s.number()).isEqualTo(v.submittedAt().toInstant());
            if (v.done()) {
                assertThat(v.completedAt()).as(s.number()).isAfter(v.submittedAt());
                assertThat(p.getEndTime().toInstant()).as(s.number()).isEqualTo(v.completedAt().toInstant());
                assertThat(v.steps()).filteredOn(x -> x.step().equals("ARCHIVE")).singleElement()
                        .satisfies(x -> assertThat(x.at().toInstant()).isEqualTo(v.completedAt().toInstant()));
                assertThat(v.ratings()).allSatisfy(r -> assertThat(r.ratedAt()).isAfterOrEqualTo(v.completedAt()));
            }
        }
        // the one open rectification is not overdue yet
        assertThat(ratings.rectifications(office, "OPEN", 0, 50).content()).isNotEmpty()
                .allSatisfy(x -> assertThat(x.overdue()).as(x.number()).isFalse());
    }

    @Test
    void runningTheLoadersAgainChangesNothing() throws Exception {
        long items = jdbc.sql("SELECT COUNT(*) FROM svc_item").query(Long.class).single();
        long apps = jdbc.sql("SELECT COUNT(*) FROM svc_application").query(Long.class).single();
        for (ApplicationRunner runner : context.getBeansOfType(ApplicationRunner.class).values()) {
            runner.run(new DefaultApplicationArguments());
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM svc_item").query(Long.class).single()).isEqualTo(items);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM svc_application").query(Long.class).single()).isEqualTo(apps);
    }
}
