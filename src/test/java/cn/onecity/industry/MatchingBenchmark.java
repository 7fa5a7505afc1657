package cn.onecity.industry;

import cn.onecity.shared.CreditCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.onecity.region.District;
import cn.onecity.region.Region;
import cn.onecity.search.SearchDocument;
import cn.onecity.search.SearchIndex;

/**
 * Issue 5 §10, a benchmark and not a test (no timing assertion; skipped unless {@code -Donecity.benchmark=true}):
 * 100k generated enterprises and 20k demands; index rebuild time; match latency (p50, p95) of
 * {@link Matching#matches}; and, in the same run, the demand's text as one OR query on a raw Lucene index of the
 * same documents. The three are timed on each demand in turn, each first as often as last. Results go to the console
 * and {@code target/industry-benchmark.md}.
 * <pre>mvn -q test -Dtest=cn.onecity.industry.MatchingBenchmark -Donecity.benchmark=true -Dindustry.enterprises=100000</pre>
 */
@cn.onecity.services.ServicesIntegrationTest
@EnabledIfSystemProperty(named = "onecity.benchmark", matches = "true")
class MatchingBenchmark {

    static final String[] WORDS = ("轴承 齿轮 电机 液压油缸 铸件 锻件 刀具 模具 传感器 芯片 动力电池 正极材料 电缆 变压器 绝缘子 铝型材 钢板 "
            + "激光焊接 涂层 数控机床 减速机 阀门 水泵 风机 控制器 线束 连接器 玻璃 陶瓷 注塑件 橡胶件 紧固件 弹簧 轮胎 座椅 显示屏 "
            + "导航终端 无人机 叶片 机匣 硬质合金 钨粉 碳化钨 电解液 负极材料 储能柜 充电桩 变流器 开关柜 电力金具 钢结构 回转支承 "
            + "发动机 曲轴 活塞 滤清器 散热器 冲压件 钣金 喷涂 热处理 电镀 检测 包装 物流 软件 工业互联网").split(" ");

    @Autowired JdbcTemplate jdbc;
    @Autowired Region region;
    @Autowired Chains chains;
    @Autowired Matching matching;
    @Autowired Enterprises enterprises;
    @Autowired SearchIndex index;

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("industry.enterprises", 100_000);
        int demands = Integer.getInteger("industry.demands", 20_000);
        Random random = new Random(2026);
        List<District> districts = region.districts();
        // chains: 8 × 6 segments, stages UP/MID/DOWN
        List<long[]> segments = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            long chain = chains.createChain(IndTestData.unique("基准链"), "优势产业链", "基准测试");
            for (int s = 0; s < 6; s++) {
                Stage stage = Stage.values()[s / 2];
                segments.add(new long[] {chains.addSegment(chain, null, stage, WORDS[(c * 6 + s) % WORDS.length] + "环节"), chain});
            }
        }
        long firstId = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM ind_enterprise", Long.class) + 1;
        String prefix = Integer.toString(random.nextInt(900) + 100);
        long t0 = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            District d = districts.get(random.nextInt(districts.size()));
            String products = words(random, 3 + random.nextInt(3)) + "制造";
            String code = CreditCodes.withCheck("91" + d.code() + "B" + prefix + base31(i));
            rows.add(new Object[] {firstId + i, "基准企业" + i + "（示例）", code, d.cityCode(), d.code(),
                    EnterpriseSize.values()[random.nextInt(4)].name(), products, words(random, 2) + "加工", now, now});
            if (rows.size() == 2000 || i == n - 1) {
                jdbc.batchUpdate("""
                        INSERT INTO ind_enterprise (id, name, credit_code, city_code, district_code, size_class, products,
                                                    capabilities, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
                rows.clear();
            }
        }
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {firstId + i, segments.get(random.nextInt(segments.size()))[0]});
            if (rows.size() == 5000 || i == n - 1) {
                jdbc.batchUpdate("INSERT INTO ind_enterprise_segment (enterprise_id, segment_id) VALUES (?, ?)", rows);
                rows.clear();
            }
        }
        long firstDemand = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM ind_demand", Long.class) + 1;
        for (int i = 0; i < demands; i++) {
            String city = districts.get(random.nextInt(districts.size())).cityCode();
            rows.add(new Object[] {firstDemand + i, firstId + random.nextInt(n), "PURCHASE", "采购" + words(random, 2),
                    "需要" + words(random, 3) + "，就近配套", city, 0L, now});
            if (rows.size() == 2000 || i == demands - 1) {
                jdbc.batchUpdate("""
                        INSERT INTO ind_demand (id, enterprise_id, kind, title, description, city_code, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
                rows.clear();
            }
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;

        long r0 = System.nanoTime();
        index.rebuild(Enterprises.COLLECTION);
        double rebuildSeconds = (System.nanoTime() - r0) / 1e9;

        // raw Lucene over the same documents, same analyser, same term boost
        SmartChineseAnalyzer analyzer = new SmartChineseAnalyzer();
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        long l0 = System.nanoTime();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (SearchDocument doc : enterprises.all().toList()) {
                Document d = new Document();
                d.add(new StringField("id", doc.id(), Field.Store.YES));
                d.add(new TextField("title", doc.title(), Field.Store.NO));
                d.add(new TextField("body", doc.body(), Field.Store.NO));
                w.addDocument(d);
            }
        }
        double rawBuildSeconds = (System.nanoTime() - l0) / 1e9;
        IndexSearcher raw = new IndexSearcher(DirectoryReader.open(dir));

        // the JIT compilers need about a thousand matches before the timings settle (they share the 2 cores with
        // the measurement): those are timed too, and reported apart
        int samples = Integer.getInteger("industry.samples", 1000);
        int warmup = Integer.getInteger("industry.warmup", 1000);
        List<Long> demandIds = new ArrayList<>();
        for (int i = 0; i < samples + warmup; i++) {
            demandIds.add(firstDemand + random.nextInt(demands));
        }
        long[] match = new long[samples];
        long[] lucene = new long[samples];
        long[] module = new long[samples];
        long[] warmMatch = new long[warmup];
        long[] warmLucene = new long[warmup];
        int candidates = 0;
        for (int i = 0; i < demandIds.size(); i++) {
            Demand demand = matching.demand(demandIds.get(i));
            BooleanQuery.Builder q = new BooleanQuery.Builder();
            List<String> terms = index.analyze(demand.title() + " " + demand.description()).stream().distinct()
                    .filter(t -> t.length() > 1).limit(Matching.MAX_TERMS).toList();
            terms.forEach(t -> {
                q.add(new BoostQuery(new TermQuery(new Term("title", t)), 2f), Occur.SHOULD);
                q.add(new TermQuery(new Term("body", t)), Occur.SHOULD);
            });
            BooleanQuery rawQuery = q.build();
            int[] found = new int[1];
            // the three in turn, each first, second and third equally often: whichever runs after another on the
            // same demand finds its terms' postings in the CPU caches
            Runnable[] timed = {
                () -> found[0] = matching.matches(demand.id()).size(),
                () -> {
                    try {
                        raw.search(rawQuery, Matching.TEXT_CANDIDATES);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                () -> index.searchAnyTerm(new cn.onecity.search.SearchQuery(Enterprises.COLLECTION, null,
                        java.util.Map.of(), 0, Matching.TEXT_CANDIDATES), terms) };
            long[] took = new long[3];
            for (int k = 0; k < 3; k++) {
                int which = (i + k) % 3;
                long t = System.nanoTime();
                timed[which].run();
                took[which] = System.nanoTime() - t;
            }
            if (i < warmup) {
                warmMatch[i] = took[0];
                warmLucene[i] = took[1];
            } else {
                match[i - warmup] = took[0];
                lucene[i - warmup] = took[1];
                module[i - warmup] = took[2];
                candidates += found[0];
            }
        }
        Arrays.sort(warmMatch);
        Arrays.sort(warmLucene);
        Arrays.sort(match);
        Arrays.sort(lucene);
        Arrays.sort(module);
        String report = """
                | figure | value |
                |---|---|
                | enterprises / demands generated (JDBC batches) | %,d / %,d in %.1f s |
                | search index rebuild (`SearchIndex.rebuild("industry.enterprise")`, read + analyse + index) | %.1f s |
                | raw Lucene index of the same documents (same analyser) | %.1f s |
                | match (`Matching.matches`, %d demands after %d warm-up) p50 / p95 | %.2f ms / %.2f ms |
                | raw Lucene, the demand's terms as one OR query, top %d, p50 / p95 | %.2f ms / %.2f ms |
                | **match p95 ÷ raw Lucene p95** (p50 ÷ p50) | **%.2f×** (%.2f×) |
                | the same terms through the search module (`SearchIndex.searchAnyTerm`, top %d with matched terms), p50 / p95 | %.2f ms / %.2f ms |
                | during the warm-up: match p50 / p95, raw Lucene p50 / p95 | %.2f / %.2f ms, %.2f / %.2f ms |
                | candidates returned per demand (mean) | %.1f |
                """.formatted(n, demands, loadSeconds, rebuildSeconds, rawBuildSeconds, samples, warmup,
                ms(match, 0.50), ms(match, 0.95), Matching.TEXT_CANDIDATES, ms(lucene, 0.50), ms(lucene, 0.95),
                ms(match, 0.95) / ms(lucene, 0.95), ms(match, 0.50) / ms(lucene, 0.50),
                Matching.TEXT_CANDIDATES, ms(module, 0.50), ms(module, 0.95),
                warmup == 0 ? 0 : ms(warmMatch, 0.50), warmup == 0 ? 0 : ms(warmMatch, 0.95),
                warmup == 0 ? 0 : ms(warmLucene, 0.50), warmup == 0 ? 0 : ms(warmLucene, 0.95),
                candidates / (double) samples);
        System.out.println(report);


        Files.writeString(Path.of("target", "industry-benchmark.md"), report);
        analyzer.close();
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static String words(Random random, int k) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < k; i++) {
            sb.append(i == 0 ? "" : "、").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    /** {@code i} in the credit-code alphabet, 5 characters (31^5 ≈ 28.6 million). */
    static String base31(int i) {
        char[] c = new char[5];
        for (int k = 4; k >= 0; k--) {
            c[k] = CreditCodes.CHARSET.charAt(i % 31);
            i /= 31;
        }
        return new String(c);
    }

}
