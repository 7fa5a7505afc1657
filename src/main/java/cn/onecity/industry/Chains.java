package cn.onecity.industry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.region.City;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.NotFoundException;

/** The "4+4" industrial chains: structure, the panorama by city, and the gap analysis (补链 / 强链) with its export. */
@Service
public class Chains {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final JdbcClient jdbc;
    private final Region region;
    private final AuditLog audit;

    Chains(JdbcClient jdbc, Region region, AuditLog audit) {
        this.jdbc = jdbc;
        this.region = region;
        this.audit = audit;
    }

    record ChainRow(long id, String name, String category, String note) {
    }

    record SegmentRow(long id, Long parentId, String stage, String name) {
    }

    /** Every chain with its segment tree and members, in panorama order. */
    public List<Chain> list() {
        return jdbc.sql("SELECT id, name, category, note FROM ind_chain ORDER BY sort_order, id").query(ChainRow.class)
                .list().stream().map(this::assemble).toList();
    }

    public Chain get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("产业链不存在"));
    }

    public Optional<Chain> find(long id) {
        return jdbc.sql("SELECT id, name, category, note FROM ind_chain WHERE id = :id").param("id", id)
                .query(ChainRow.class).optional().map(this::assemble);
    }

    /** The "4+4" panorama is regional: the joint office (and administrators) maintain chains and segments. */
    public static boolean canMaintain(cn.onecity.identity.CurrentUser user) {
        return user != null && user.isAny(cn.onecity.identity.Role.JOINT_OFFICE, cn.onecity.identity.Role.ADMIN);
    }

    @Transactional
    public long createChain(cn.onecity.identity.CurrentUser user, String name, String category, String note) {
        if (!canMaintain(user)) {
            throw new cn.onecity.shared.ForbiddenException("只有一体化办可以维护“4+4”产业链");
        }
        if (category != null && !category.isBlank() && !List.of("优势产业链", "新兴产业链").contains(category.strip())) {
            throw BusinessException.invalid("category", "产业链分组应为“优势产业链”或“新兴产业链”");
        }
        return createChain(name, category == null || category.isBlank() ? null : category.strip(), note);
    }

    @Transactional
    public long addSegment(cn.onecity.identity.CurrentUser user, long chainId, Long parentId, Stage stage, String name) {
        if (!canMaintain(user)) {
            throw new cn.onecity.shared.ForbiddenException("只有一体化办可以维护“4+4”产业链");
        }
        return addSegment(chainId, parentId, stage, name);
    }

    @Transactional
    public long createChain(String name, String category, String note) {
        if (name == null || name.isBlank()) {
            throw BusinessException.invalid("name", "请填写产业链名称");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM ind_chain WHERE name = :n").param("n", name.strip()).query(Long.class).single() > 0) {
            throw new ConflictException("产业链“" + name + "”已存在");
        }
        int order = jdbc.sql("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM ind_chain").query(Integer.class).single();
        jdbc.sql("INSERT INTO ind_chain (name, category, sort_order, note) VALUES (:n, :c, :o, :note)")
                .param("n", name.strip()).param("c", category == null ? "优势产业链" : category).param("o", order)
                .param("note", note).update();
        audit.record("industry", "登记产业链", name, category);
        return jdbc.sql("SELECT id FROM ind_chain WHERE name = :n").param("n", name.strip()).query(Long.class).single();
    }

    /** Adds a segment; a sub-segment takes its parent's chain and stage. */
    @Transactional
    public long addSegment(long chainId, Long parentId, Stage stage, String name) {
        get(chainId);
        if (name == null || name.isBlank()) {
            throw BusinessException.invalid("name", "请填写环节名称");
        }
        Stage s = stage;
        if (parentId != null) {
            SegmentRow parent = jdbc.sql("SELECT id, parent_id, stage, name FROM ind_segment WHERE id = :id AND chain_id = :c")
                    .param("id", parentId).param("c", chainId).query(SegmentRow.class).optional()
                    .orElseThrow(() -> BusinessException.invalid("parentId", "上级环节不在该产业链中"));
            s = Stage.valueOf(parent.stage());
        }
        if (s == null) {
            throw BusinessException.invalid("stage", "请选择上游、中游或下游");
        }
        int order = jdbc.sql("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM ind_segment WHERE chain_id = :c")
                .param("c", chainId).query(Integer.class).single();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO ind_segment (chain_id, parent_id, stage, name, sort_order) VALUES (:c, :p, :s, :n, :o)")
                .param("c", chainId).param("p", parentId).param("s", s.name()).param("n", name.strip()).param("o", order)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Finds a segment id by its chain and name (for demo data and tests). */
    public Optional<Long> segmentId(long chainId, String name) {
        return jdbc.sql("SELECT id FROM ind_segment WHERE chain_id = :c AND name = :n ORDER BY id")
                .param("c", chainId).param("n", name).query(Long.class).list().stream().findFirst();
    }

    /** The stage of a segment and its chain; empty for an unknown id. */
    public Optional<SegmentInfo> segment(long segmentId) {
        return jdbc.sql("""
                SELECT s.id, s.chain_id, c.name AS chain_name, s.stage, s.name FROM ind_segment s
                JOIN ind_chain c ON c.id = s.chain_id WHERE s.id = :id""").param("id", segmentId)
                .query((rs, i) -> new SegmentInfo(rs.getLong("id"), rs.getLong("chain_id"), rs.getString("chain_name"),
                        Stage.valueOf(rs.getString("stage")), rs.getString("name")))
                .optional();
    }

    public record SegmentInfo(long id, long chainId, String chainName, Stage stage, String name) {
    }

    // ---- gap analysis -----------------------------------------------------------------------------------------

    /**
     * The chain's leaf segments that have no enterprise in the three cities (补链) or enterprises in only one
     * city (强链), in panorama order.
     */
    public List<ChainGap> gaps(long chainId) {
        Chain chain = get(chainId);
        List<ChainGap> gaps = new ArrayList<>();
        for (Chain.Segment s : chain.segments()) {
            collectGaps(chain, s, s.stage().label(), gaps);
        }
        return gaps;
    }

    /** The gaps of every chain. */
    public List<ChainGap> allGaps() {
        List<ChainGap> gaps = new ArrayList<>();
        list().forEach(c -> gaps.addAll(gaps(c.id())));
        return gaps;
    }

    private void collectGaps(Chain chain, Chain.Segment s, String prefix, List<ChainGap> out) {
        String path = prefix + " › " + s.name();
        if (!s.leaf()) {
            s.children().forEach(c -> collectGaps(chain, c, path, out));
            return;
        }
        Map<String, Long> byCity = new LinkedHashMap<>();
        for (City city : region.cities()) {
            byCity.put(city.shortName(), s.enterprises().stream().filter(m -> m.cityCode().equals(city.code())).count());
        }
        List<String> covered = byCity.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        if (covered.size() <= 1) {
            out.add(new ChainGap(chain.id(), chain.name(), s.id(), path, s.stage(),
                    covered.isEmpty() ? ChainGap.Kind.FILL : ChainGap.Kind.STRENGTHEN, byCity, covered));
        }
    }

    /** The gap list as an Excel workbook: one chain, or every chain when {@code chainId} is null. */
    public byte[] gapsWorkbook(Long chainId) {
        List<ChainGap> gaps = chainId == null ? allGaps() : gaps(chainId);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("补链强链清单");
            CellStyle head = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            head.setFont(bold);
            head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            List<String> headers = new ArrayList<>(List.of("产业链", "环节", "位置", "类型"));
            region.cities().forEach(c -> headers.add(c.shortName() + "企业数"));
            headers.add("建议");
            Row h = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                h.createCell(c).setCellValue(headers.get(c));
                h.getCell(c).setCellStyle(head);
            }
            int r = 1;
            for (ChainGap g : gaps) {
                Row row = sheet.createRow(r++);
                int c = 0;
                row.createCell(c++).setCellValue(g.chainName());
                row.createCell(c++).setCellValue(g.path());
                row.createCell(c++).setCellValue(g.stage().label());
                row.createCell(c++).setCellValue(g.kind().label());
                for (Long n : g.enterprisesByCity().values()) {
                    row.createCell(c++).setCellValue(n);
                }
                row.createCell(c).setCellValue(g.advice());
            }
            int[] widths = {16, 40, 8, 8, 10, 10, 10, 50};
            for (int c = 0; c < headers.size() && c < widths.length; c++) {
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            sheet.createFreezePane(0, 1);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- panorama ---------------------------------------------------------------------------------------------

    /**
     * The chain as an ECharts tree: chain → 上游/中游/下游 → segments (nested) → enterprises, each enterprise
     * node carrying its city code (the page colours by city). Empty leaf segments are marked 待补链.
     */
    public Map<String, Object> panorama(long chainId) {
        Chain chain = get(chainId);
        List<Object> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            List<Object> segs = chain.segments().stream().filter(s -> s.stage() == stage).<Object>map(this::node).toList();
            if (!segs.isEmpty()) {
                stages.add(Map.of("name", stage.label(), "kind", "stage", "children", segs));
            }
        }
        return Map.of("name", chain.name(), "kind", "chain", "children", stages);
    }

    private Map<String, Object> node(Chain.Segment s) {
        List<Object> children = new ArrayList<>();
        s.children().forEach(c -> children.add(node(c)));
        s.enterprises().forEach(m -> children.add(Map.of("name", m.name(), "kind", "enterprise", "city", m.cityCode(),
                "cityName", m.cityName(), "id", m.id())));
        Map<String, Object> n = new HashMap<>();
        boolean empty = s.leaf() && s.enterprises().isEmpty();
        n.put("name", empty ? s.name() + "（待补链）" : s.name());
        n.put("kind", empty ? "gap" : "segment");
        n.put("children", children);
        return n;
    }

    // ---- assembly ---------------------------------------------------------------------------------------------

    private Chain assemble(ChainRow c) {
        List<SegmentRow> rows = jdbc.sql("SELECT id, parent_id, stage, name FROM ind_segment WHERE chain_id = :c ORDER BY sort_order, id")
                .param("c", c.id()).query(SegmentRow.class).list();
        Map<Long, List<Chain.Member>> members = new HashMap<>();
        jdbc.sql("""
                SELECT es.segment_id, e.id, e.name, e.city_code FROM ind_enterprise_segment es
                JOIN ind_enterprise e ON e.id = es.enterprise_id JOIN ind_segment s ON s.id = es.segment_id
                WHERE s.chain_id = :c ORDER BY e.city_code, e.name""").param("c", c.id())
                .query((rs, i) -> members.computeIfAbsent(rs.getLong("segment_id"), k -> new ArrayList<>())
                        .add(new Chain.Member(rs.getLong("id"), rs.getString("name"), rs.getString("city_code"),
                                region.cityShortName(rs.getString("city_code")))))
                .list();
        return new Chain(c.id(), c.name(), c.category(), c.note(), children(null, rows, members));
    }

    private static List<Chain.Segment> children(Long parent, List<SegmentRow> rows, Map<Long, List<Chain.Member>> members) {
        List<Chain.Segment> out = new ArrayList<>();
        for (SegmentRow r : rows) {
            boolean match = parent == null ? r.parentId() == null : parent.equals(r.parentId());
            if (match) {
                out.add(new Chain.Segment(r.id(), r.parentId(), Stage.valueOf(r.stage()), r.name(),
                        children(r.id(), rows, members), members.getOrDefault(r.id(), List.of())));
            }
        }
        if (parent == null) {
            out.sort((a, b) -> a.stage().compareTo(b.stage()));
        }
        return out;
    }
}
