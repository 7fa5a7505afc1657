package cn.onecity.cooperation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onecity.identity.DataScope;
import cn.onecity.region.Region;
import cn.onecity.region.WorkingCalendar;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;

/**
 * The published query API of 协同督办: meetings, and items with their status derived as of a date.
 * Every item query takes the caller's {@link DataScope}: the joint office sees all items, city staff the
 * items their city is responsible for (lead or co-responsible), everyone else none.
 */
@Service
public class Cooperation {

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;
    private final Region region;

    Cooperation(JdbcClient jdbc, WorkingCalendar calendar, Region region) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.region = region;
    }

    public List<Meeting> meetings() {
        return jdbc.sql("SELECT * FROM coop_meeting ORDER BY session_no DESC").query(Cooperation::meeting).list();
    }

    public Meeting meeting(int sessionNo) {
        return jdbc.sql("SELECT * FROM coop_meeting WHERE session_no = :n").param("n", sessionNo)
                .query(Cooperation::meeting).optional()
                .orElseThrow(() -> new NotFoundException("第" + sessionNo + "届联席会议不存在"));
    }

    /** The number of items in scope per meeting, by session number; meetings without items are absent. */
    public Map<Integer, Integer> itemCounts(DataScope scope) {
        DataScope.require(scope);
        Map<Integer, Integer> counts = new HashMap<>();
        jdbc.sql("""
                SELECT m.session_no, COUNT(*) AS n
                FROM coop_item i JOIN coop_action a ON a.id = i.action_id JOIN coop_meeting m ON m.id = a.meeting_id
                """ + " WHERE " + scopeClause(scope) + " GROUP BY m.session_no")
                .params(scopeParams(scope))
                .query((rs, i) -> counts.put(rs.getInt("session_no"), rs.getInt("n")))
                .list();
        return counts;
    }

    /** The action plans (行动) of a meeting, in order. */
    public List<ActionPlan> actions(int sessionNo) {
        return jdbc.sql("""
                SELECT a.id, a.seq, a.name FROM coop_action a JOIN coop_meeting m ON m.id = a.meeting_id
                WHERE m.session_no = :n ORDER BY a.seq""")
                .param("n", sessionNo)
                .query((rs, i) -> new ActionPlan(rs.getLong("id"), sessionNo, rs.getInt("seq"), rs.getString("name")))
                .list();
    }

    public record ActionPlan(long id, int meetingSessionNo, int seq, String name) {
    }

    /** Every item in scope that matches the filter, with status as of {@code asOf}. */
    public List<ItemView> items(DataScope scope, ItemFilter filter, LocalDate asOf) {
        DataScope.require(scope);
        StringBuilder where = new StringBuilder(" WHERE ").append(scopeClause(scope));
        Map<String, Object> params = new HashMap<>(scopeParams(scope));
        if (filter.meeting() != null) {
            where.append(" AND m.session_no = :meeting");
            params.put("meeting", filter.meeting());
        }
        if (filter.area() != null) {
            where.append(" AND i.area = :area");
            params.put("area", filter.area().name());
        }
        if (filter.cityCode() != null && !filter.cityCode().isBlank()) {
            where.append(" AND EXISTS (SELECT 1 FROM coop_item_party f WHERE f.item_id = i.id AND f.city_code = :fcity)");
            params.put("fcity", filter.cityCode());
        }
        if (filter.departmentCode() != null && !filter.departmentCode().isBlank()) {
            where.append(" AND EXISTS (SELECT 1 FROM coop_item_party g WHERE g.item_id = i.id AND g.department_code = :fdept)");
            params.put("fdept", filter.departmentCode());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" AND (i.title LIKE :q OR i.code LIKE :q)");
            params.put("q", "%" + filter.q().strip() + "%");
        }
        List<ItemView> items = load(where.toString(), params, asOf);
        return items.stream()
                .filter(i -> filter.status() == null || i.status() == filter.status())
                .filter(i -> filter.light() == null || i.light() == filter.light())
                .toList();
    }

    public PageResult<ItemView> page(DataScope scope, ItemFilter filter, LocalDate asOf, int page, int size) {
        List<ItemView> all = items(scope, filter, asOf);
        int from = Math.min(page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new PageResult<>(all.subList(from, to), page, size, all.size());
    }

    /** One item; a caller whose scope does not reach it is refused (403), an unknown id is 404. */
    public ItemView item(DataScope scope, long id, LocalDate asOf) {
        DataScope.require(scope);
        Map<String, Object> params = new HashMap<>(scopeParams(scope));
        params.put("id", id);
        List<ItemView> found = load(" WHERE i.id = :id AND " + scopeClause(scope), params, asOf);
        if (found.isEmpty()) {
            boolean exists = jdbc.sql("SELECT COUNT(*) FROM coop_item WHERE id = :id").param("id", id)
                    .query(Integer.class).single() > 0;
            if (exists) {
                throw new ForbiddenException("无权查看该合作事项：它不在您所在城市的职责范围内");
            }
            throw new NotFoundException("合作事项不存在");
        }
        return found.get(0);
    }

    public List<Milestone> milestones(long itemId) {
        return jdbc.sql("SELECT * FROM coop_milestone WHERE item_id = :id ORDER BY seq, due_date")
                .param("id", itemId).query(Cooperation::milestone).list();
    }

    static String scopeClause(DataScope scope) {
        if (scope instanceof DataScope.All) {
            return "1 = 1";
        }
        if (scope instanceof DataScope.City || scope instanceof DataScope.Department) {
            return "EXISTS (SELECT 1 FROM coop_item_party sp WHERE sp.item_id = i.id AND sp.city_code = :scopeCity)";
        }
        return "1 = 0";
    }

    static Map<String, Object> scopeParams(DataScope scope) {
        String city = scope.cityCode();
        return city == null ? Map.of() : Map.of("scopeCity", city);
    }

    private List<ItemView> load(String where, Map<String, Object> params, LocalDate asOf) {
        List<Row> rows = jdbc.sql("""
                SELECT i.*, a.name AS action_name, m.session_no
                FROM coop_item i JOIN coop_action a ON a.id = i.action_id JOIN coop_meeting m ON m.id = a.meeting_id
                """ + where + " ORDER BY m.session_no DESC, a.seq, i.code")
                .params(params)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("code"), rs.getString("title"),
                        Area.valueOf(rs.getString("area")), rs.getInt("session_no"), rs.getLong("action_id"),
                        rs.getString("action_name"), rs.getString("lead_city_code"), rs.getString("lead_department_code"),
                        rs.getString("target"), rs.getObject("deadline", LocalDate.class), rs.getDouble("weight"),
                        rs.getString("remark")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<Party>> parties = new HashMap<>();
        Map<Long, List<Milestone>> milestones = new HashMap<>();
        Map<Long, List<StatusRules.Accepted>> accepted = new HashMap<>();
        Map<Long, Integer> pending = new HashMap<>();
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("SELECT * FROM coop_item_party WHERE item_id IN (:ids) ORDER BY lead DESC, city_code, department_code")
                    .param("ids", chunk)
                    .query((rs, n) -> parties.computeIfAbsent(rs.getLong("item_id"), k -> new ArrayList<>())
                            .add(new Party(rs.getString("city_code"), rs.getString("department_code"), rs.getBoolean("lead"))))
                    .list();
            jdbc.sql("SELECT * FROM coop_milestone WHERE item_id IN (:ids)").param("ids", chunk)
                    .query((rs, n) -> milestones.computeIfAbsent(rs.getLong("item_id"), k -> new ArrayList<>())
                            .add(milestone(rs, n)))
                    .list();
            jdbc.sql("SELECT item_id, reviewed_at, percent FROM coop_report WHERE status = 'ACCEPTED' AND item_id IN (:ids)")
                    .param("ids", chunk)
                    .query((rs, n) -> accepted.computeIfAbsent(rs.getLong("item_id"), k -> new ArrayList<>())
                            .add(new StatusRules.Accepted(rs.getObject("reviewed_at", java.time.OffsetDateTime.class)
                                    .atZoneSameInstant(cn.onecity.shared.Times.ZONE).toLocalDate(), rs.getInt("percent"))))
                    .list();
            jdbc.sql("SELECT item_id, COUNT(*) AS n FROM coop_report WHERE status = 'SUBMITTED' AND item_id IN (:ids) GROUP BY item_id")
                    .param("ids", chunk)
                    .query((rs, n) -> pending.put(rs.getLong("item_id"), rs.getInt("n")))
                    .list();
        }
        List<ItemView> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            List<Milestone> ms = milestones.getOrDefault(r.id(), List.of());
            StatusRules.Derived d = StatusRules.derive(r.deadline(), ms, accepted.getOrDefault(r.id(), List.of()), asOf, calendar);
            String deptName = region.findDepartment(r.leadDepartmentCode()).map(x -> x.name()).orElse(r.leadDepartmentCode());
            out.add(new ItemView(r.id(), r.code(), r.title(), r.area(), r.sessionNo(), r.actionId(), r.actionName(),
                    r.leadCityCode(), r.leadDepartmentCode(), deptName, List.copyOf(parties.getOrDefault(r.id(), List.of())),
                    r.target(), r.deadline(), r.weight(), r.remark(), asOf, d.progress(), d.status(), d.light(),
                    d.completedOn(), d.nextDue(), pending.getOrDefault(r.id(), 0)));
        }
        return out;
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            out.add(ids.subList(i, Math.min(ids.size(), i + 500)));
        }
        return out;
    }

    private record Row(long id, String code, String title, Area area, int sessionNo, long actionId, String actionName,
            String leadCityCode, String leadDepartmentCode, String target, LocalDate deadline, double weight,
            String remark) {
    }

    static Meeting meeting(ResultSet rs, int n) throws SQLException {
        return new Meeting(rs.getLong("id"), rs.getInt("session_no"), rs.getString("title"),
                rs.getObject("held_on", LocalDate.class), rs.getString("host_city_code"), rs.getString("theme"),
                rs.getString("note"));
    }

    static Milestone milestone(ResultSet rs, int n) throws SQLException {
        return new Milestone(rs.getLong("id"), rs.getLong("item_id"), rs.getInt("seq"), rs.getString("name"),
                rs.getObject("due_date", LocalDate.class), rs.getObject("done_on", LocalDate.class));
    }

    /** Items sorted for reports: by area, then code. */
    public static final Comparator<ItemView> BY_AREA_AND_CODE =
            Comparator.comparing(ItemView::area).thenComparing(ItemView::code);
}
