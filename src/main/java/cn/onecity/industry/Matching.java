package cn.onecity.industry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.notification.Notifications;
import cn.onecity.region.Region;
import cn.onecity.search.SearchHits;
import cn.onecity.search.SearchIndex;
import cn.onecity.search.SearchQuery;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.Times;

/**
 * 供需对接: enterprises publish demands and supplies; candidates for a demand are ranked across the three cities
 * by Chinese full-text relevance (the {@code search} module), chain adjacency (an upstream supplier for the
 * demand's segment) and a same-cluster bonus, each part explained. The top candidates are recorded and notified
 * when a demand is published; either side then marks the match 洽谈中 / 已合作 / 未成.
 */
@Service
public class Matching {

    /** How many candidates are recorded (and notified) when a demand is published. */
    public static final int RECOMMENDED = 10;
    static final int TEXT_CANDIDATES = 100;
    static final int CHAIN_CANDIDATES = 100;
    static final int MAX_TERMS = 16;
    static final double TEXT_MAX = 60;
    static final double UPSTREAM = 25;
    static final double SAME_CHAIN = 8;
    static final double SAME_CLUSTER = 15;

    /** How a candidate is scored, in the words of the demand page, from the weights above. */
    public static String scoringRule() {
        return "得分 = 全文相关度（最高 " + n(TEXT_MAX) + "，按本需求中最相关企业折算）＋ 产业链配套（上游供给 " + n(UPSTREAM) + " / 同链 "
                + n(SAME_CHAIN) + "）＋ 同集群加分 " + n(SAME_CLUSTER) + "，满分 " + n(TEXT_MAX + UPSTREAM + SAME_CLUSTER) + "。";
    }

    private static String n(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final Chains chains;
    private final SearchIndex index;
    private final Notifications notifications;
    private final Region region;
    private final AuditLog audit;
    private final Clock clock;

    Matching(JdbcClient jdbc, Enterprises enterprises, Chains chains, SearchIndex index, Notifications notifications,
            Region region, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.chains = chains;
        this.index = index;
        this.notifications = notifications;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    /** The enterprise an ENTERPRISE account acts for (its organisation's confirmed claim), or 403. */
    public Enterprise actingEnterprise(CurrentUser user) {
        if (user == null || !user.is(Role.ENTERPRISE)) {
            throw new ForbiddenException("只有企业账户可以发布供需");
        }
        return enterprises.ofOrganisation(user.organisationId()).orElseThrow(() -> new ForbiddenException(
                "本机构尚未认领企业或认领尚未经工业和信息化局确认，暂不能发布供需"));
    }

    // ---- demands ----------------------------------------------------------------------------------------------

    /** Publishes a demand of the user's enterprise, records the top candidates and notifies them; returns the id. */
    @Transactional
    public long publishDemand(CurrentUser user, DemandDraft d) {
        Enterprise own = actingEnterprise(user);
        List<FieldMessage> errors = new ArrayList<>();
        Optional<DemandKind> kind = DemandKind.parse(d.kind());
        if (kind.isEmpty()) {
            errors.add(new FieldMessage("kind", d.kind() == null || d.kind().isBlank() ? "请选择需求类型"
                    : "需求类型“" + d.kind() + "”无效，应为 PURCHASE（采购）、SUPPORT（配套）、CAPACITY（产能）或 TECH_SERVICE（技术服务）"));
        }
        if (d.title() == null || d.title().isBlank()) {
            errors.add(new FieldMessage("title", "请填写需求标题"));
        } else if (d.title().strip().length() > 200) {
            errors.add(new FieldMessage("title", "需求标题不能超过 200 字"));
        }
        if (d.description() == null || d.description().isBlank()) {
            errors.add(new FieldMessage("description", "请填写需求描述"));
        } else if (d.description().strip().length() > 2000) {
            errors.add(new FieldMessage("description", "需求描述不能超过 2000 字"));
        }
        if (d.quantity() != null && d.quantity().strip().length() > 100) {
            errors.add(new FieldMessage("quantity", "数量不能超过 100 字"));
        }
        LocalDate deadline = null;
        if (d.deadline() != null && !d.deadline().isBlank()) {
            try {
                deadline = LocalDate.parse(d.deadline().strip());
                if (deadline.isBefore(LocalDate.now(clock.withZone(Times.ZONE)))) {
                    errors.add(new FieldMessage("deadline", "截止日期不能早于今天"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldMessage("deadline", "截止日期格式应为 yyyy-MM-dd"));
            }
        }
        String city = d.cityCode() == null || d.cityCode().isBlank() ? own.cityCode() : d.cityCode().strip();
        if (region.findCity(city).isEmpty()) {
            errors.add(new FieldMessage("cityCode", "城市代码“" + d.cityCode() + "”无效，应为 430100、430200 或 430300"));
        }
        if (d.segmentId() != null && chains.segment(d.segmentId()).isEmpty()) {
            errors.add(new FieldMessage("segmentId", "产业链环节“" + d.segmentId() + "”不存在"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ind_demand (enterprise_id, kind, title, description, quantity, deadline, city_code, segment_id,
                                        created_by, created_at)
                VALUES (:e, :k, :t, :d, :q, :dl, :c, :s, :u, :now)""")
                .param("e", own.id()).param("k", kind.get().name()).param("t", d.title().strip())
                .param("d", d.description().strip()).param("q", d.quantity() == null ? "" : d.quantity().strip())
                .param("dl", deadline).param("c", city).param("s", d.segmentId()).param("u", user.accountId())
                .param("now", now).update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("industry", "发布需求", "需求#" + id, d.title().strip());
        Demand demand = demand(id);
        for (MatchCandidate c : rank(demand).stream().limit(RECOMMENDED).toList()) {
            insertMatch(demand, c, MatchStatus.PROPOSED, null);
            enterprises.find(c.enterpriseId()).map(Enterprise::organisationId).ifPresent(org ->
                    notifications.sendToOrganisation(org, "产业协同", "供需对接推荐：" + demand.title(),
                            demand.enterpriseName() + "（" + demand.cityName() + "）发布了" + demand.kind().label()
                                    + "需求，平台推荐贵企业对接（匹配度 " + c.score() + "）。",
                            "/industry/demands/" + id));
        }
        return id;
    }

    public Demand demand(long id) {
        return jdbc.sql(DEMAND_SQL + " WHERE d.id = :id").param("id", id).query(this::demandRow).optional()
                .orElseThrow(() -> new NotFoundException("需求不存在"));
    }

    /** Demands newest first; {@code enterpriseId} optional. */
    public List<Demand> demands(Long enterpriseId, int limit) {
        String where = enterpriseId == null ? "" : " WHERE d.enterprise_id = :e";
        var spec = jdbc.sql(DEMAND_SQL + where + " ORDER BY d.id DESC LIMIT " + Math.max(1, Math.min(limit, 500)));
        if (enterpriseId != null) {
            spec = spec.param("e", enterpriseId);
        }
        return spec.query(this::demandRow).list();
    }

    private static final String DEMAND_SQL = """
            SELECT d.*, e.name AS enterprise_name, s.name AS segment_name,
                   (SELECT COUNT(*) FROM ind_match m WHERE m.demand_id = d.id AND m.status <> 'PROPOSED') AS marked
            FROM ind_demand d JOIN ind_enterprise e ON e.id = d.enterprise_id
            LEFT JOIN ind_segment s ON s.id = d.segment_id""";

    private Demand demandRow(ResultSet rs, int i) throws SQLException {
        long seg = rs.getLong("segment_id");
        Long segmentId = rs.wasNull() ? null : seg;
        return new Demand(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("enterprise_name"),
                DemandKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("description"),
                rs.getString("quantity"), rs.getObject("deadline", LocalDate.class), rs.getString("city_code"),
                region.cityShortName(rs.getString("city_code")), segmentId, rs.getString("segment_name"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getLong("marked"));
    }

    // ---- supplies ---------------------------------------------------------------------------------------------

    @Transactional
    public long publishSupply(CurrentUser user, String title, String description, String capacity) {
        Enterprise own = actingEnterprise(user);
        List<FieldMessage> errors = new ArrayList<>();
        if (title == null || title.isBlank()) {
            errors.add(new FieldMessage("title", "请填写产品或服务名称"));
        } else if (title.strip().length() > 200) {
            errors.add(new FieldMessage("title", "产品或服务名称不能超过 200 字"));
        }
        if (description != null && description.strip().length() > 2000) {
            errors.add(new FieldMessage("description", "说明不能超过 2000 字"));
        }
        if (capacity != null && capacity.strip().length() > 200) {
            errors.add(new FieldMessage("capacity", "产能不能超过 200 字"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        return insertSupply(own.id(), title.strip(), description == null ? "" : description.strip(),
                capacity == null ? "" : capacity.strip());
    }

    /** Records a supply without a user (demo data). */
    @Transactional
    public long insertSupply(long enterpriseId, String title, String description, String capacity) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO ind_supply (enterprise_id, title, description, capacity, created_at) VALUES (:e, :t, :d, :c, :now)")
                .param("e", enterpriseId).param("t", title).param("d", description).param("c", capacity)
                .param("now", OffsetDateTime.now(clock)).update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("industry", "发布供给", "供给#" + id, title);
        enterprises.reindex(enterpriseId);
        return id;
    }

    public List<Supply> supplies(Long enterpriseId, int limit) {
        String where = enterpriseId == null ? "" : " WHERE s.enterprise_id = :e";
        var spec = jdbc.sql("""
                SELECT s.*, e.name AS enterprise_name, e.city_code FROM ind_supply s
                JOIN ind_enterprise e ON e.id = s.enterprise_id""" + where + " ORDER BY s.id DESC LIMIT " + Math.max(1, Math.min(limit, 500)));
        if (enterpriseId != null) {
            spec = spec.param("e", enterpriseId);
        }
        return spec.query((rs, i) -> new Supply(rs.getLong("id"), rs.getLong("enterprise_id"),
                rs.getString("enterprise_name"), rs.getString("city_code"), rs.getString("title"),
                rs.getString("description"), rs.getString("capacity"), rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    // ---- ranking ----------------------------------------------------------------------------------------------

    /** The ranked candidates of a demand, best first, with the status either side marked. */
    public List<MatchCandidate> matches(long demandId) {
        Demand demand = demand(demandId);
        record Stored(long enterpriseId, double score, String reasons, String status, boolean crossCity) {
        }
        List<Stored> stored = jdbc.sql("SELECT enterprise_id, score, reasons, status, cross_city FROM ind_match WHERE demand_id = :d ORDER BY score DESC")
                .param("d", demandId).query(Stored.class).list();
        Map<Long, MatchStatus> marked = new HashMap<>();
        stored.forEach(m -> marked.put(m.enterpriseId(), MatchStatus.valueOf(m.status())));
        List<MatchCandidate> ranked = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (MatchCandidate c : rank(demand)) {
            seen.add(c.enterpriseId());
            ranked.add(withStatus(c, marked.get(c.enterpriseId())));
        }
        // a marked match stays visible even when the profiles changed since
        for (Stored m : stored) {
            if (!seen.contains(m.enterpriseId())) {
                enterprises.find(m.enterpriseId()).ifPresent(ent -> ranked.add(new MatchCandidate(ent.id(), ent.name(),
                        ent.cityCode(), ent.cityName(), m.score(), 0, 0, 0, List.of(m.reasons().split("\n")),
                        MatchStatus.valueOf(m.status()), m.crossCity())));
            }
        }
        return ranked;
    }

    private static MatchCandidate withStatus(MatchCandidate c, MatchStatus s) {
        return new MatchCandidate(c.enterpriseId(), c.name(), c.cityCode(), c.city(), c.score(), c.textScore(),
                c.chainScore(), c.clusterScore(), c.reasons(), s, c.crossCity());
    }

    /** What ranking needs of a candidate: its search hit's name (the title) and filters (city, segments, clusters). */
    private record Profile(long id, String name, String cityCode, List<Chains.SegmentInfo> segments, List<Long> clusterIds) {
    }

    /**
     * Scores the candidates of the three cities, best first; never the demanding enterprise itself; score > 0 only.
     * Candidates: the {@value #TEXT_CANDIDATES} best full-text hits and up to {@value #CHAIN_CANDIDATES} enterprises
     * upstream of each needed segment: those in a cluster of the demanding enterprise first, then the others, each
     * in id order. Such a candidate scores {@link #UPSTREAM}, plus {@link #SAME_CLUSTER} in a shared cluster, and
     * ties are ranked by id: so the cap never leaves out a supplier that would outrank one taken (text hits are
     * candidates anyway). Both come from the search index, whose
     * enterprise documents carry the name, city, segments and clusters (see {@link Enterprises#all}): no
     * candidate, nor the demanding enterprise, is read from the database. Segments and cluster names are reference
     * data, cached.
     */
    List<MatchCandidate> rank(Demand demand) {
        long own = demand.enterpriseId();
        // the demanding enterprise's segments and clusters: from its search document like the candidates' (read from
        // the database only if it is not indexed)
        List<Long> ownSegments = new ArrayList<>();
        Set<Long> ownClusters = new HashSet<>();
        Optional<SearchHits.Hit> ownDocument = index.find(Enterprises.COLLECTION, Long.toString(own));
        if (ownDocument.isPresent()) {
            ownDocument.get().filter(Enterprises.SEGMENT).stream().map(Long::valueOf).sorted().forEach(ownSegments::add);
            ownDocument.get().filter(Enterprises.CLUSTER).stream().map(Long::valueOf).forEach(ownClusters::add);
        } else {
            jdbc.sql("""
                    SELECT 'S' AS kind, segment_id AS ref FROM ind_enterprise_segment WHERE enterprise_id = :e
                    UNION ALL SELECT 'C' AS kind, cluster_id AS ref FROM ind_cluster_member WHERE enterprise_id = :e
                    ORDER BY kind DESC, ref""")
                    .param("e", own)
                    .query((rs, i) -> ("S".equals(rs.getString("kind")) ? ownSegments : ownClusters).add(rs.getLong("ref")))
                    .list();
        }
        Map<Long, Profile> profiles = new HashMap<>();
        // 1. full-text relevance: the demand's analysed terms as an OR (their BM25 scores add up), so that a
        //    supplier matching a few of a long description's words still counts
        Map<Long, Double> textScores = new HashMap<>();
        Map<Long, List<String>> matchedTerms = new HashMap<>();
        List<String> terms = index.analyze(demand.title() + " " + demand.description()).stream().distinct()
                .filter(t -> t.length() > 1).limit(MAX_TERMS).toList(); // single characters (用、年、套) only add noise
        if (!terms.isEmpty()) {
            SearchHits hits = index.searchAnyTerm(new SearchQuery(Enterprises.COLLECTION, null, Map.of(), 0,
                    TEXT_CANDIDATES + 1), terms);
            for (SearchHits.Hit h : hits.hits()) {
                long id = Long.parseLong(h.id());
                if (id != own && h.score() > 0) {
                    textScores.put(id, (double) h.score());
                    matchedTerms.put(id, h.matchedTerms().stream().filter(terms::contains).toList());
                    profiles.put(id, profile(id, h));
                }
            }
        }
        double best = textScores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Set<Long> candidates = new LinkedHashSet<>();
        textScores.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TEXT_CANDIDATES).forEach(e -> candidates.add(e.getKey()));
        // 2. the segments the demand needs supplied: its own, else the demanding enterprise's; their upstream suppliers
        List<Chains.SegmentInfo> needs = new ArrayList<>();
        if (demand.segmentId() != null) {
            segment(demand.segmentId()).ifPresent(needs::add);
        } else {
            ownSegments.forEach(s -> segment(s).ifPresent(needs::add));
        }
        List<String> sharedClusters = ownClusters.stream().sorted().map(String::valueOf).toList();
        for (Chains.SegmentInfo need : needs) {
            Set<Long> added = new HashSet<>();
            List<Profile> inClusters = sharedClusters.isEmpty() ? List.of() : upstreamSuppliers(need, sharedClusters);
            for (List<Profile> suppliers : List.of(inClusters, upstreamSuppliers(need, List.of()))) {
                for (Profile p : suppliers) {
                    if (p.id() != own && added.size() < CHAIN_CANDIDATES && added.add(p.id())) {
                        candidates.add(p.id());
                        profiles.putIfAbsent(p.id(), p);
                    }
                }
            }
        }
        candidates.remove(own);
        Map<String, String> cityNames = new HashMap<>();
        List<MatchCandidate> out = new ArrayList<>();
        for (long id : candidates) {
            Profile e = profiles.get(id);
            List<String> reasons = new ArrayList<>();
            double textScore = 0;
            Double hit = textScores.get(e.id());
            if (hit != null && best > 0) {
                textScore = round(TEXT_MAX * hit / best);
                StringBuilder reason = new StringBuilder("全文相关 +").append(textScore).append("：产品、能力与供给命中");
                matchedTerms.get(e.id()).forEach(t -> reason.append('“').append(t).append('”'));
                reasons.add(reason.toString());
            }
            double chainScore = 0;
            String chainReason = null;
            for (Chains.SegmentInfo need : needs) {
                for (Chains.SegmentInfo s : e.segments()) {
                    if (s.chainId() != need.chainId()) {
                        continue;
                    }
                    if (s.stage().ordinal() < need.stage().ordinal() && chainScore < UPSTREAM) {
                        chainScore = UPSTREAM;
                        chainReason = "链上游配套 +" + UPSTREAM + "：" + s.chainName() + "·" + s.name() + "（" + s.stage().label()
                                + "）可供给需求方所在的" + need.name() + "（" + need.stage().label() + "）";
                    } else if (chainScore < SAME_CHAIN) {
                        chainScore = SAME_CHAIN;
                        chainReason = "同链企业 +" + SAME_CHAIN + "：同在" + s.chainName() + "（" + s.name() + "，"
                                + s.stage().label() + "）";
                    }
                }
            }
            if (chainReason != null) {
                reasons.add(chainReason);
            }
            double clusterScore = 0;
            List<String> shared = e.clusterIds().stream().filter(ownClusters::contains).map(this::clusterName).toList();
            if (!shared.isEmpty()) {
                clusterScore = SAME_CLUSTER;
                reasons.add("同集群加分 +" + SAME_CLUSTER + "：同属" + String.join("、", shared));
            }
            double score = round(Math.min(100, textScore + chainScore + clusterScore));
            if (score <= 0) {
                continue;
            }
            String cityName = cityNames.computeIfAbsent(e.cityCode(), region::cityShortName);
            boolean cross = !e.cityCode().equals(demand.cityCode());
            reasons.add(cross ? "跨市对接：供给方在" + cityName + "，需求方在" + demand.cityName()
                    : "同城对接：双方均在" + cityName);
            out.add(new MatchCandidate(e.id(), e.name(), e.cityCode(), cityName, score, textScore, chainScore,
                    clusterScore, reasons, null, cross));
        }
        out.sort(Comparator.comparingDouble(MatchCandidate::score).reversed()
                .thenComparingLong(MatchCandidate::enterpriseId));
        return out;
    }

    /**
     * The first {@value #CHAIN_CANDIDATES} + 1 enterprises (one may be the demanding enterprise) of the segments
     * upstream of the need, in one of {@code clusters} if any are given, as profiles. The search index keeps such a
     * listing until the collection changes and then returns the same hits, whose profiles are kept here for as long.
     */
    private List<Profile> upstreamSuppliers(Chains.SegmentInfo need, List<String> clusters) {
        List<String> upstream = upstreamSegments(need).stream().map(String::valueOf).toList();
        if (upstream.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> filters = clusters.isEmpty() ? Map.of(Enterprises.SEGMENT, upstream)
                : Map.of(Enterprises.SEGMENT, upstream, Enterprises.CLUSTER, clusters);
        SearchHits hits = index.first(new SearchQuery(Enterprises.COLLECTION, null, filters, 0, CHAIN_CANDIDATES + 1));
        List<String> key = clusters.isEmpty() ? upstream : concat(upstream, clusters);
        UpstreamProfiles kept = upstreamProfiles.get(key);
        if (kept != null && kept.hits() == hits) {
            return kept.profiles();
        }
        List<Profile> profiles = new ArrayList<>(hits.hits().size());
        for (SearchHits.Hit h : hits.hits()) {
            profiles.add(profile(Long.parseLong(h.id()), h));
        }
        if (upstreamProfiles.size() < 1000 || upstreamProfiles.containsKey(key)) {
            upstreamProfiles.put(key, new UpstreamProfiles(hits, List.copyOf(profiles)));
        }
        return profiles;
    }

    /** The segments, a separator no id can be, and the clusters: the key of a listing in those clusters. */
    private static List<String> concat(List<String> segments, List<String> clusters) {
        List<String> key = new ArrayList<>(segments.size() + clusters.size() + 1);
        key.addAll(segments);
        key.add("|");
        key.addAll(clusters);
        return key;
    }

    /** The profiles of one upstream listing (by the identity of the search index's hits). */
    private record UpstreamProfiles(SearchHits hits, List<Profile> profiles) {
    }

    private final Map<List<String>, UpstreamProfiles> upstreamProfiles = new ConcurrentHashMap<>();

    /** A candidate as its search hit describes it; its segments in panorama order, its clusters by id. */
    private Profile profile(long id, SearchHits.Hit h) {
        List<String> segmentIds = h.filter(Enterprises.SEGMENT);
        List<Chains.SegmentInfo> segments = new ArrayList<>(segmentIds.size());
        for (String s : segmentIds) {
            segment(Long.parseLong(s)).ifPresent(segments::add);
        }
        if (segments.size() > 1) {
            segments.sort(Comparator.comparingLong(Chains.SegmentInfo::id));
        }
        List<String> clusterIds = h.filter(Enterprises.CLUSTER);
        List<Long> clusters = new ArrayList<>(clusterIds.size());
        for (String c : clusterIds) {
            clusters.add(Long.parseLong(c));
        }
        if (clusters.size() > 1) {
            clusters.sort(null);
        }
        List<String> city = h.filter(Enterprises.CITY);
        return new Profile(id, h.title(), city.isEmpty() ? "" : city.get(0), segments, clusters);
    }

    // ---- reference data ---------------------------------------------------------------------------------------
    // Segments (with their chain's name) and clusters are only ever added, never renamed or deleted: a read one
    // stays true, and an id not yet cached is read (then cached) on first use. Renaming or deleting them would have
    // to clear these caches and reindex their enterprises.

    private final Map<Long, Chains.SegmentInfo> segments = new ConcurrentHashMap<>();
    private final Map<Long, String> clusterNames = new ConcurrentHashMap<>();

    private Optional<Chains.SegmentInfo> segment(long id) {
        Chains.SegmentInfo s = segments.get(id);
        if (s == null) {
            s = chains.segment(id).orElse(null);
            if (s != null) {
                segments.put(id, s);
            }
        }
        return Optional.ofNullable(s);
    }

    private String clusterName(long id) {
        return clusterNames.computeIfAbsent(id, k -> jdbc.sql("SELECT name FROM ind_cluster WHERE id = :id").param("id", k)
                .query(String.class).optional().orElse("集群#" + k));
    }

    /** The segments of the need's chain at an earlier stage (a chain may gain segments: not cached). */
    private List<Long> upstreamSegments(Chains.SegmentInfo need) {
        List<String> stages = java.util.Arrays.stream(Stage.values()).filter(st -> st.ordinal() < need.stage().ordinal())
                .map(Enum::name).toList();
        if (stages.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id FROM ind_segment WHERE chain_id = :chain AND stage IN (:stages) ORDER BY id")
                .param("chain", need.chainId()).param("stages", stages).query(Long.class).list();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    // ---- marking ----------------------------------------------------------------------------------------------

    /**
     * Either side marks a candidate 洽谈中 / 已合作 / 未成: the demanding enterprise, or the candidate enterprise
     * itself. The candidate must be among the ranked ones (or already recorded).
     */
    @Transactional
    public void mark(CurrentUser user, long demandId, long enterpriseId, MatchStatus status) {
        if (status == null || status == MatchStatus.PROPOSED) {
            throw BusinessException.invalid("status", "状态应为 NEGOTIATING（洽谈中）、COOPERATED（已合作）或 FAILED（未成）");
        }
        Demand demand = demand(demandId);
        Enterprise own = actingEnterprise(user);
        if (own.id() != demand.enterpriseId() && own.id() != enterpriseId) {
            audit.recordFailure("industry", "标记对接状态", "需求#" + demandId, "非对接双方");
            throw new ForbiddenException("只有需求方或被匹配企业可以标记对接状态");
        }
        boolean recorded = jdbc.sql("SELECT COUNT(*) FROM ind_match WHERE demand_id = :d AND enterprise_id = :e")
                .param("d", demandId).param("e", enterpriseId).query(Long.class).single() > 0;
        if (!recorded) {
            MatchCandidate c = rank(demand).stream().filter(x -> x.enterpriseId() == enterpriseId).findFirst()
                    .orElseThrow(() -> new NotFoundException("该企业不在此需求的匹配结果中"));
            insertMatch(demand, c, status, user.accountId());
        } else {
            jdbc.sql("UPDATE ind_match SET status = :s, updated_at = :now, updated_by = :u WHERE demand_id = :d AND enterprise_id = :e")
                    .param("s", status.name()).param("now", OffsetDateTime.now(clock)).param("u", user.accountId())
                    .param("d", demandId).param("e", enterpriseId).update();
        }
        audit.record("industry", "标记对接状态", "需求#" + demandId, "企业#" + enterpriseId + " " + status.label());
        long other = own.id() == demand.enterpriseId() ? enterpriseId : demand.enterpriseId();
        enterprises.find(other).map(Enterprise::organisationId).ifPresent(org -> notifications.sendToOrganisation(org,
                "产业协同", "对接状态更新：" + demand.title(), own.name() + "将对接标记为“" + status.label() + "”。",
                "/industry/demands/" + demandId));
    }

    private void insertMatch(Demand demand, MatchCandidate c, MatchStatus status, Long by) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO ind_match (demand_id, enterprise_id, score, reasons, status, cross_city, created_at, updated_at, updated_by)
                VALUES (:d, :e, :score, :reasons, :s, :cross, :now, :now, :by)""")
                .param("d", demand.id()).param("e", c.enterpriseId()).param("score", c.score())
                .param("reasons", String.join("\n", c.reasons())).param("s", status.name())
                .param("cross", c.crossCity()).param("now", now).param("by", by).update();
    }

    // ---- statistics -------------------------------------------------------------------------------------------

    public MatchStatistics statistics() {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM ind_demand) AS demands, (SELECT COUNT(*) FROM ind_supply) AS supplies,
                       (SELECT COUNT(*) FROM ind_match WHERE status <> 'PROPOSED') AS matches,
                       (SELECT COUNT(*) FROM ind_match WHERE status <> 'PROPOSED' AND cross_city) AS cross_matches,
                       (SELECT COUNT(*) FROM ind_match WHERE status = 'COOPERATED') AS deals,
                       (SELECT COUNT(*) FROM ind_match WHERE status = 'COOPERATED' AND cross_city) AS cross_deals""")
                .query((rs, i) -> new MatchStatistics(rs.getLong("demands"), rs.getLong("supplies"), rs.getLong("matches"),
                        rs.getLong("cross_matches"), rs.getLong("deals"), rs.getLong("cross_deals")))
                .single();
    }
}
