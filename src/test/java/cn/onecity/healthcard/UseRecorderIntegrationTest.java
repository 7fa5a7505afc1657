package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.services.ServicesIntegrationTest;

/**
 * Verifications are committed in groups by the {@link UseRecorder}: concurrent verifications each get their own
 * committed use and log entry before their answer, and a group whose transaction fails leaves nothing behind.
 */
@ServicesIntegrationTest
class UseRecorderIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired Hospitals hospitals;
    @Autowired HealthCards cards;
    @Autowired Verifications verifications;
    @Autowired UseRecorder recorder;
    @Autowired JdbcClient jdbc;

    HcTestData data;
    Hospital hospital;
    CurrentUser staff;
    CurrentUser resident;
    Card card;

    @BeforeEach
    void setUp() {
        data = new HcTestData(accounts, hospitals);
        hospital = data.hospital("430203");
        staff = data.user(data.staff(hospital));
        resident = data.user(data.resident());
        card = cards.apply(resident, new NewCard("王示例", HcTestData.idNumber(), "13800138001", "430100"));
    }

    int count(String sql) {
        return jdbc.sql(sql).param("c", card.cardId()).query(Integer.class).single();
    }

    @Test
    void concurrentVerificationsAreEachCommittedWithTheirOwnUseBeforeTheyAnswer() throws Exception {
        int n = 24;
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            payloads.add(cards.code(resident).payload());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<VerificationResult>> answers = new ArrayList<>();
            for (String payload : payloads) {
                answers.add(pool.submit((Callable<VerificationResult>) () -> {
                    VerificationResult r = verifications.verify(staff, payload, "就诊", "分组提交");
                    // committed before the answer: visible to another connection right away
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM hc_use WHERE id = :id").param("id", r.useId())
                            .query(Integer.class).single()).isEqualTo(1);
                    return r;
                }));
            }
            Set<Long> useIds = new HashSet<>();
            for (Future<VerificationResult> a : answers) {
                VerificationResult r = a.get();
                assertThat(r.valid()).isTrue();
                assertThat(r.card().homeCity()).isEqualTo("长沙");
                useIds.add(r.useId());
            }
            assertThat(useIds).hasSize(n);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM hc_use WHERE card_id = :c AND department = '分组提交'")).isEqualTo(n);
        assertThat(count("SELECT COUNT(*) FROM idn_operation_log WHERE target = :c AND action = '核验电子健康卡' AND success = TRUE"))
                .isEqualTo(n);
    }

    @Test
    void aGroupWhoseTransactionFailsWritesNothingAndFailsEachOfItsRequests() {
        Instant now = Instant.now();
        Hospital unknown = new Hospital(-1, "不存在的医院", hospital.grade(), hospital.cityCode(), hospital.cityName(),
                hospital.districtCode(), hospital.districtName(), hospital.creditCode(), hospital.organisationId(),
                hospital.connectedOn(), null);
        UseRecorder.Job good = new UseRecorder.Job(new UseRecorder.Use(card.cardId(), "k", now, hospital, "挂号", "同组",
                staff, null, now), new CompletableFuture<>());
        UseRecorder.Job bad = new UseRecorder.Job(new UseRecorder.Use(card.cardId(), "k", now, unknown, "挂号", "同组",
                staff, null, now), new CompletableFuture<>());
        assertThatThrownBy(() -> recorder.write(List.of(good, bad))).isInstanceOf(RuntimeException.class);
        assertThat(count("SELECT COUNT(*) FROM hc_use WHERE card_id = :c AND department = '同组'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM idn_operation_log WHERE target = :c AND action = '核验电子健康卡'")).isZero();
    }
}
