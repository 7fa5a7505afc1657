package cn.onecity.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import cn.onecity.healthcard.HcTestData;
import cn.onecity.industry.EnterpriseDraft;
import cn.onecity.industry.Enterprises;
import cn.onecity.search.SearchIndex;

/**
 * How soon a change made on one instance is seen on the other (a benchmark, not a test: no timing assertion;
 * skipped unless {@code -Donecity.benchmark=true}). Registers enterprises on instance a, one at a time, and times
 * from the commit's return to the moment instance b's search index has the enterprise (polled every 50 µs):
 * the after-commit hand-off, the send with its publisher confirm, the broker, the receiving instance's database
 * read and index write. Prints a Markdown table and writes it to {@code target/cluster-benchmark.md}.
 */
@EnabledIfSystemProperty(named = "onecity.benchmark", matches = "true")
class ClusterPropagationBenchmark {

    @Test
    void aChangeReachesTheOtherInstance() throws Exception {
        assumeThat(TwoInstances.brokerRequiredOrReachable()).as("RabbitMQ on 127.0.0.1:5672").isTrue();
        int warmup = Integer.getInteger("cluster.warmup", 200);
        int samples = Integer.getInteger("cluster.samples", 500);
        try (TwoInstances cluster = new TwoInstances(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), List.of(), List.of())) {
            Enterprises enterprises = cluster.a.getBean(Enterprises.class);
            SearchIndex other = cluster.b.getBean(SearchIndex.class);
            long[] commit = new long[samples];
            long[] seen = new long[samples];
            for (int i = -warmup; i < samples; i++) {
                long t0 = System.nanoTime();
                long id = enterprises.registerAsSystem(new EnterpriseDraft("传播测试企业" + UUID.randomUUID(),
                        HcTestData.creditCode(), "430302", null, "SMALL", "风电叶片", "", List.of(), List.of()));
                long t1 = System.nanoTime();
                String key = Long.toString(id);
                long deadline = t1 + TimeUnit.SECONDS.toNanos(30);
                while (other.find(Enterprises.COLLECTION, key).isEmpty()) {
                    assertThat(System.nanoTime()).as("enterprise %s reached b", id).isLessThan(deadline);
                    LockSupport.parkNanos(50_000);
                }
                long t2 = System.nanoTime();
                if (i >= 0) {
                    commit[i] = t1 - t0;
                    seen[i] = t2 - t1;
                }
            }
            String table = """
                    | figure (%d changes after %d warm-up, one at a time) | p50 | p95 | p99 | max |
                    |---|---|---|---|---|
                    | registering on instance a (to the commit's return) | %s | %s | %s | %s |
                    | **then until instance b's search index has it** | **%s** | **%s** | **%s** | **%s** |
                    """.formatted(samples, warmup, ms(commit, 50), ms(commit, 95), ms(commit, 99), ms(commit, 100),
                    ms(seen, 50), ms(seen, 95), ms(seen, 99), ms(seen, 100));
            System.out.println(table);
            Files.writeString(Path.of("target", "cluster-benchmark.md"), table, StandardCharsets.UTF_8);
        }
    }

    private static String ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = percentile >= 100 ? sorted.length - 1
                : Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return "%.2f ms".formatted(sorted[index] / 1e6);
    }
}
