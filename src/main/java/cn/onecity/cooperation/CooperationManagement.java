package cn.onecity.cooperation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;

/** Commands that set up joint meetings, action plans and items. Only the joint office (and admins) may. */
@Service
public class CooperationManagement {

    private final JdbcClient jdbc;
    private final Region region;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CooperationManagement(JdbcClient jdbc, Region region, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.region = region;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    static void requireOffice(CurrentUser actor) {
        if (actor == null || !actor.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            throw new ForbiddenException("只有一体化办可以维护联席会议、行动计划和合作事项");
        }
    }

    @Transactional
    public long createMeeting(CurrentUser actor, int sessionNo, String title, LocalDate heldOn, String hostCityCode,
            String theme, String note) {
        requireOffice(actor);
        List<FieldMessage> errors = new ArrayList<>();
        if (sessionNo <= 0) {
            errors.add(new FieldMessage("sessionNo", "届次须为正整数"));
        }
        errors.addAll(meetingErrors(title, heldOn, hostCityCode, theme, note));
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        if (jdbc.sql("SELECT COUNT(*) FROM coop_meeting WHERE session_no = :n").param("n", sessionNo)
                .query(Integer.class).single() > 0) {
            throw new ConflictException("第" + sessionNo + "届联席会议已存在");
        }
        try {
            jdbc.sql("""
                    INSERT INTO coop_meeting (session_no, title, held_on, host_city_code, theme, note)
                    VALUES (:n, :title, :heldOn, :host, :theme, :note)""")
                    .param("n", sessionNo).param("title", title.strip()).param("heldOn", heldOn)
                    .param("host", hostCityCode).param("theme", blankToNull(theme)).param("note", blankToNull(note))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("第" + sessionNo + "届联席会议已存在");
        }
        audit.record("cooperation", "新建联席会议", "第" + sessionNo + "届", title);
        return jdbc.sql("SELECT id FROM coop_meeting WHERE session_no = :n").param("n", sessionNo).query(Long.class).single();
    }

    /** Changes a meeting's title, date, host city, theme and note. Its session number (届次) never changes. */
    @Transactional
    public void updateMeeting(CurrentUser actor, int sessionNo, String title, LocalDate heldOn, String hostCityCode,
            String theme, String note) {
        requireOffice(actor);
        Meeting before = jdbc.sql("SELECT * FROM coop_meeting WHERE session_no = :n").param("n", sessionNo)
                .query(Cooperation::meeting).optional()
                .orElseThrow(() -> new NotFoundException("第" + sessionNo + "届联席会议不存在"));
        List<FieldMessage> errors = meetingErrors(title, heldOn, hostCityCode, theme, note);
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        jdbc.sql("""
                UPDATE coop_meeting SET title = :title, held_on = :heldOn, host_city_code = :host, theme = :theme,
                                        note = :note
                WHERE id = :id""")
                .param("title", title.strip()).param("heldOn", heldOn).param("host", hostCityCode)
                .param("theme", blankToNull(theme)).param("note", blankToNull(note)).param("id", before.id())
                .update();
        List<String> changes = new ArrayList<>();
        if (!before.title().equals(title.strip())) {
            changes.add("名称“" + before.title() + "”→“" + title.strip() + "”");
        }
        if (!before.heldOn().equals(heldOn)) {
            changes.add("日期 " + before.heldOn() + "→" + heldOn);
        }
        if (!before.hostCityCode().equals(hostCityCode)) {
            changes.add("轮值方 " + region.cityShortName(before.hostCityCode()) + "→" + region.cityShortName(hostCityCode));
        }
        if (!Objects.equals(before.theme(), blankToNull(theme))) {
            changes.add("主题");
        }
        if (!Objects.equals(before.note(), blankToNull(note))) {
            changes.add("备注");
        }
        audit.record("cooperation", "修改联席会议", "第" + sessionNo + "届",
                changes.isEmpty() ? "未修改内容" : "修改了" + String.join("；", changes));
    }

    private List<FieldMessage> meetingErrors(String title, LocalDate heldOn, String hostCityCode, String theme,
            String note) {
        List<FieldMessage> errors = new ArrayList<>();
        if (title == null || title.isBlank()) {
            errors.add(new FieldMessage("title", "请填写会议名称"));
        } else if (title.strip().length() > 200) {
            errors.add(new FieldMessage("title", "会议名称不能超过 200 个字符"));
        }
        if (heldOn == null) {
            errors.add(new FieldMessage("heldOn", "请填写会议日期"));
        }
        if (hostCityCode == null || region.findCity(hostCityCode).isEmpty()) {
            errors.add(new FieldMessage("hostCityCode", "请选择轮值方城市"));
        }
        if (theme != null && theme.strip().length() > 500) {
            errors.add(new FieldMessage("theme", "主题不能超过 500 个字符"));
        }
        if (note != null && note.strip().length() > 500) {
            errors.add(new FieldMessage("note", "备注不能超过 500 个字符"));
        }
        return errors;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Creates an action plan under a meeting, or returns the existing one of that name. */
    @Transactional
    public long ensureAction(CurrentUser actor, int sessionNo, String name) {
        requireOffice(actor);
        if (name == null || name.isBlank()) {
            throw BusinessException.invalid("action", "请填写所属行动");
        }
        Long meetingId = jdbc.sql("SELECT id FROM coop_meeting WHERE session_no = :n").param("n", sessionNo)
                .query(Long.class).optional().orElseThrow(() -> new NotFoundException("第" + sessionNo + "届联席会议不存在"));
        var existing = jdbc.sql("SELECT id FROM coop_action WHERE meeting_id = :m AND name = :name")
                .param("m", meetingId).param("name", name.strip()).query(Long.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM coop_action WHERE meeting_id = :m")
                .param("m", meetingId).query(Integer.class).single();
        jdbc.sql("INSERT INTO coop_action (meeting_id, seq, name) VALUES (:m, :seq, :name)")
                .param("m", meetingId).param("seq", seq).param("name", name.strip()).update();
        audit.record("cooperation", "新建行动", "第" + sessionNo + "届", name);
        return jdbc.sql("SELECT id FROM coop_action WHERE meeting_id = :m AND name = :name")
                .param("m", meetingId).param("name", name.strip()).query(Long.class).single();
    }

    /** Checks an item without saving it; the list is empty when it is valid. */
    public List<FieldMessage> validate(NewItem item) {
        List<FieldMessage> errors = new ArrayList<>();
        if (item.code() == null || item.code().isBlank()) {
            errors.add(new FieldMessage("code", "请填写事项编号"));
        } else if (item.code().strip().length() > 30) {
            errors.add(new FieldMessage("code", "事项编号不能超过 30 个字符"));
        }
        if (item.title() == null || item.title().isBlank()) {
            errors.add(new FieldMessage("title", "请填写事项名称"));
        } else if (item.title().strip().length() > 300) {
            errors.add(new FieldMessage("title", "事项名称不能超过 300 个字符"));
        }
        if (item.area() == null) {
            errors.add(new FieldMessage("area", "请选择合作领域（产业协同、科创协作、交通互联、生态共治、服务共享）"));
        }
        if (item.leadDepartmentCode() == null || region.findDepartment(item.leadDepartmentCode()).isEmpty()) {
            errors.add(new FieldMessage("leadDepartmentCode", "牵头部门不存在"));
        }
        for (String co : item.coDepartmentCodes() == null ? List.<String>of() : item.coDepartmentCodes()) {
            if (region.findDepartment(co).isEmpty()) {
                errors.add(new FieldMessage("coDepartmentCodes", "配合部门“" + co + "”不存在"));
            }
        }
        if (item.target() == null || item.target().isBlank()) {
            errors.add(new FieldMessage("target", "请填写既定目标任务"));
        } else if (item.target().strip().length() > 2000) {
            errors.add(new FieldMessage("target", "既定目标任务不能超过 2000 个字符"));
        }
        if (item.deadline() == null) {
            errors.add(new FieldMessage("deadline", "请填写完成时限"));
        }
        if (item.weight() != null && (item.weight() <= 0 || item.weight() > 100)) {
            errors.add(new FieldMessage("weight", "权重须大于 0 且不超过 100"));
        }
        if (item.remark() != null && item.remark().strip().length() > 500) {
            errors.add(new FieldMessage("remark", "备注不能超过 500 个字符"));
        }
        Set<String> milestoneNames = new HashSet<>();
        for (NewItem.NewMilestone m : item.milestones() == null ? List.<NewItem.NewMilestone>of() : item.milestones()) {
            if (m == null || m.name() == null || m.name().isBlank() || m.dueDate() == null) {
                errors.add(new FieldMessage("milestones", "里程碑须有名称和计划日期"));
            } else if (m.name().strip().length() > 200) {
                errors.add(new FieldMessage("milestones", "里程碑名称不能超过 200 个字符"));
            } else if (!milestoneNames.add(m.name().strip())) {
                errors.add(new FieldMessage("milestones", "里程碑“" + m.name().strip() + "”重复"));
            } else if (item.deadline() != null && m.dueDate().isAfter(item.deadline())) {
                errors.add(new FieldMessage("milestones", "里程碑“" + m.name() + "”的计划日期晚于事项完成时限"));
            }
        }
        return errors;
    }

    @Transactional
    public long createItem(CurrentUser actor, NewItem item) {
        requireOffice(actor);
        List<FieldMessage> errors = validate(item);
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        String code = item.code().strip();
        if (jdbc.sql("SELECT COUNT(*) FROM coop_item WHERE code = :c").param("c", code).query(Integer.class).single() > 0) {
            throw new ConflictException("事项编号“" + code + "”已存在");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM coop_action WHERE id = :a").param("a", item.actionId()).query(Integer.class).single() == 0) {
            throw new NotFoundException("所属行动不存在");
        }
        Department lead = region.department(item.leadDepartmentCode());
        jdbc.sql("""
                INSERT INTO coop_item (action_id, code, title, area, lead_city_code, lead_department_code, target,
                                       deadline, weight, remark, created_at)
                VALUES (:action, :code, :title, :area, :city, :dept, :target, :deadline, :weight, :remark, :now)""")
                .param("action", item.actionId()).param("code", code).param("title", item.title().strip())
                .param("area", item.area().name()).param("city", lead.cityCode()).param("dept", lead.code())
                .param("target", item.target().strip()).param("deadline", item.deadline())
                .param("weight", item.weight() == null ? 1.0 : item.weight())
                .param("remark", item.remark()).param("now", OffsetDateTime.now(clock))
                .update();
        long id = jdbc.sql("SELECT id FROM coop_item WHERE code = :c").param("c", code).query(Long.class).single();
        Set<String> departments = new LinkedHashSet<>();
        departments.add(lead.code());
        if (item.coDepartmentCodes() != null) {
            departments.addAll(item.coDepartmentCodes());
        }
        for (String d : departments) {
            Department dep = region.department(d);
            jdbc.sql("INSERT INTO coop_item_party (item_id, city_code, department_code, lead) VALUES (:i, :c, :d, :l)")
                    .param("i", id).param("c", dep.cityCode()).param("d", dep.code()).param("l", dep.code().equals(lead.code()))
                    .update();
        }
        int seq = 1;
        for (NewItem.NewMilestone m : item.milestones() == null ? List.<NewItem.NewMilestone>of() : item.milestones()) {
            jdbc.sql("INSERT INTO coop_milestone (item_id, seq, name, due_date) VALUES (:i, :s, :n, :d)")
                    .param("i", id).param("s", seq++).param("n", m.name().strip()).param("d", m.dueDate()).update();
        }
        audit.record("cooperation", "新建合作事项", code, item.title());
        events.publishEvent(new ItemAssigned(id, code, item.title().strip(), List.copyOf(departments)));
        return id;
    }

    /**
     * Creates an item under the action plan of a meeting named {@code actionName}, creating that action plan when
     * it is new; {@code item.actionId()} is ignored. Nothing is saved when the item is invalid.
     */
    @Transactional
    public long createItem(CurrentUser actor, int sessionNo, String actionName, NewItem item) {
        requireOffice(actor);
        List<FieldMessage> errors = new ArrayList<>(actionNameErrors(actionName, true));
        errors.addAll(validate(item));
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        long actionId = ensureAction(actor, sessionNo, actionName);
        return createItem(actor, new NewItem(actionId, item.code(), item.title(), item.area(), item.leadDepartmentCode(),
                item.coDepartmentCodes(), item.target(), item.deadline(), item.weight(), item.remark(), item.milestones()));
    }

    private static List<FieldMessage> actionNameErrors(String actionName, boolean required) {
        if (actionName == null || actionName.isBlank()) {
            return required ? List.of(new FieldMessage("action", "请选择所属行动或填写新行动名称")) : List.of();
        }
        if (actionName.strip().length() > 200) {
            return List.of(new FieldMessage("action", "行动名称不能超过 200 个字符"));
        }
        return List.of();
    }

    /**
     * Changes an item: the same rules as {@link #createItem}; its code and meeting stay. The lead is always a
     * party; a department that has filed a report stays one. Milestones are kept by name: a reached one can be
     * neither removed nor moved, new names are added, open ones not listed are removed. Newly added departments
     * are told through {@link ItemAssigned}. Status stays derived.
     */
    @Transactional
    public void updateItem(CurrentUser actor, long id, ItemChange change) {
        requireOffice(actor);
        if (change == null) {
            throw new BusinessException("请提交要修改的内容");
        }
        Current current = jdbc.sql("""
                SELECT i.*, a.name AS action_name, a.meeting_id, m.session_no
                FROM coop_item i JOIN coop_action a ON a.id = i.action_id JOIN coop_meeting m ON m.id = a.meeting_id
                WHERE i.id = :id""")
                .param("id", id)
                .query((rs, n) -> new Current(rs.getString("code"), rs.getString("title"), Area.valueOf(rs.getString("area")),
                        rs.getLong("action_id"), rs.getString("action_name"), rs.getLong("meeting_id"),
                        rs.getInt("session_no"), rs.getString("lead_department_code"), rs.getString("target"),
                        rs.getObject("deadline", LocalDate.class), rs.getDouble("weight"), rs.getString("remark")))
                .optional().orElseThrow(() -> new NotFoundException("合作事项不存在"));
        List<FieldMessage> errors = new ArrayList<>(validate(new NewItem(current.actionId(), current.code(),
                change.title(), change.area(), change.leadDepartmentCode(), change.coDepartmentCodes(), change.target(),
                change.deadline(), change.weight(), change.remark(), change.milestones())));
        boolean newAction = change.actionName() != null && !change.actionName().isBlank();
        errors.addAll(actionNameErrors(change.actionName(), false));
        String actionName = current.actionName();
        if (!newAction && change.actionId() != null && change.actionId() != current.actionId()) {
            actionName = jdbc.sql("SELECT name FROM coop_action WHERE id = :a AND meeting_id = :m")
                    .param("a", change.actionId()).param("m", current.meetingId()).query(String.class).optional()
                    .orElse(null);
            if (actionName == null) {
                errors.add(new FieldMessage("action", "所属行动须为第" + current.sessionNo() + "届联席会议的行动"));
            }
        } else if (newAction) {
            actionName = change.actionName().strip();
        }

        // parties: the lead first, then the co-responsible departments
        List<Party> before = jdbc.sql("SELECT * FROM coop_item_party WHERE item_id = :i ORDER BY lead DESC, department_code")
                .param("i", id)
                .query((rs, n) -> new Party(rs.getString("city_code"), rs.getString("department_code"), rs.getBoolean("lead")))
                .list();
        Set<String> beforeCodes = new LinkedHashSet<>();
        before.forEach(p -> beforeCodes.add(p.departmentCode()));
        Set<String> wanted = new LinkedHashSet<>();
        if (change.leadDepartmentCode() != null) {
            wanted.add(change.leadDepartmentCode());
        }
        if (change.coDepartmentCodes() != null) {
            change.coDepartmentCodes().stream().filter(Objects::nonNull).forEach(wanted::add);
        }
        List<String> reported = jdbc.sql("SELECT DISTINCT department_code FROM coop_report WHERE item_id = :i")
                .param("i", id).query(String.class).list();
        for (String d : reported) {
            if (!wanted.contains(d)) {
                errors.add(new FieldMessage("coDepartmentCodes",
                        "“" + departmentName(d) + "”已报送过该事项的进展报告，不能从责任单位中移除"));
            }
        }

        // milestones, kept by name
        List<Milestone> existing = jdbc.sql("SELECT * FROM coop_milestone WHERE item_id = :i ORDER BY seq, due_date")
                .param("i", id).query(Cooperation::milestone).list();
        Map<String, NewItem.NewMilestone> listed = new LinkedHashMap<>();
        for (NewItem.NewMilestone m : change.milestones() == null ? List.<NewItem.NewMilestone>of() : change.milestones()) {
            if (m != null && m.name() != null && !m.name().isBlank()) {
                listed.putIfAbsent(m.name().strip(), m);
            }
        }
        Set<Long> referenced = new HashSet<>(jdbc.sql(
                "SELECT DISTINCT milestone_id FROM coop_report WHERE item_id = :i AND milestone_id IS NOT NULL")
                .param("i", id).query(Long.class).list());
        Map<String, Milestone> existingByName = new HashMap<>();
        for (Milestone m : existing) {
            existingByName.putIfAbsent(m.name(), m);
            NewItem.NewMilestone wantedMilestone = listed.get(m.name());
            if (m.doneOn() != null) {
                if (wantedMilestone == null) {
                    errors.add(new FieldMessage("milestones", "里程碑“" + m.name() + "”已于 " + m.doneOn() + " 达成，不能删除"));
                } else if (wantedMilestone.dueDate() != null && !wantedMilestone.dueDate().equals(m.dueDate())) {
                    errors.add(new FieldMessage("milestones", "里程碑“" + m.name() + "”已于 " + m.doneOn()
                            + " 达成，不能修改计划日期（原为 " + m.dueDate() + "）"));
                }
            } else if (wantedMilestone == null && referenced.contains(m.id())) {
                errors.add(new FieldMessage("milestones", "里程碑“" + m.name() + "”已被进展报告引用，不能删除"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }

        long actionId = newAction ? ensureAction(actor, current.sessionNo(), change.actionName())
                : change.actionId() == null ? current.actionId() : change.actionId();
        Department lead = region.department(change.leadDepartmentCode());
        double weight = change.weight() == null ? 1.0 : change.weight();
        String remark = blankToNull(change.remark());
        jdbc.sql("""
                UPDATE coop_item SET action_id = :action, title = :title, area = :area, lead_city_code = :city,
                                     lead_department_code = :dept, target = :target, deadline = :deadline,
                                     weight = :weight, remark = :remark
                WHERE id = :id""")
                .param("action", actionId).param("title", change.title().strip()).param("area", change.area().name())
                .param("city", lead.cityCode()).param("dept", lead.code()).param("target", change.target().strip())
                .param("deadline", change.deadline()).param("weight", weight).param("remark", remark).param("id", id)
                .update();
        jdbc.sql("DELETE FROM coop_item_party WHERE item_id = :i").param("i", id).update();
        for (String d : wanted) {
            Department dep = region.department(d);
            jdbc.sql("INSERT INTO coop_item_party (item_id, city_code, department_code, lead) VALUES (:i, :c, :d, :l)")
                    .param("i", id).param("c", dep.cityCode()).param("d", dep.code()).param("l", dep.code().equals(lead.code()))
                    .update();
        }
        List<String> addedMilestones = new ArrayList<>();
        List<String> movedMilestones = new ArrayList<>();
        List<String> removedMilestones = new ArrayList<>();
        int seq = 1;
        for (NewItem.NewMilestone m : listed.values()) {
            Milestone old = existingByName.get(m.name().strip());
            if (old == null) {
                jdbc.sql("INSERT INTO coop_milestone (item_id, seq, name, due_date) VALUES (:i, :s, :n, :d)")
                        .param("i", id).param("s", seq).param("n", m.name().strip()).param("d", m.dueDate()).update();
                addedMilestones.add(m.name().strip());
            } else {
                jdbc.sql("UPDATE coop_milestone SET seq = :s, due_date = :d WHERE id = :m")
                        .param("s", seq).param("d", old.doneOn() != null ? old.dueDate() : m.dueDate()).param("m", old.id())
                        .update();
                if (!old.dueDate().equals(m.dueDate())) {
                    movedMilestones.add(m.name().strip() + " " + old.dueDate() + "→" + m.dueDate());
                }
            }
            seq++;
        }
        for (Milestone m : existing) {
            if (m.doneOn() == null && !listed.containsKey(m.name())) {
                jdbc.sql("DELETE FROM coop_milestone WHERE id = :m").param("m", m.id()).update();
                removedMilestones.add(m.name());
            }
        }

        List<String> added = wanted.stream().filter(d -> !beforeCodes.contains(d)).toList();
        List<String> removed = beforeCodes.stream().filter(d -> !wanted.contains(d)).toList();
        List<String> changes = new ArrayList<>();
        if (!current.title().equals(change.title().strip())) {
            changes.add("名称“" + current.title() + "”→“" + change.title().strip() + "”");
        }
        if (current.area() != change.area()) {
            changes.add("领域 " + current.area().label() + "→" + change.area().label());
        }
        if (actionId != current.actionId()) {
            changes.add("所属行动 " + current.actionName() + "→" + actionName);
        }
        if (!current.leadDepartmentCode().equals(lead.code())) {
            changes.add("牵头部门 " + departmentName(current.leadDepartmentCode()) + "→" + lead.name());
        }
        if (!added.isEmpty()) {
            changes.add("新增责任单位 " + String.join("、", added.stream().map(this::departmentName).toList()));
        }
        if (!removed.isEmpty()) {
            changes.add("移除责任单位 " + String.join("、", removed.stream().map(this::departmentName).toList()));
        }
        if (!current.target().equals(change.target().strip())) {
            changes.add("既定目标任务");
        }
        if (!current.deadline().equals(change.deadline())) {
            changes.add("完成时限 " + current.deadline() + "→" + change.deadline());
        }
        if (Double.compare(current.weight(), weight) != 0) {
            changes.add("权重 " + current.weight() + "→" + weight);
        }
        if (!Objects.equals(current.remark(), remark)) {
            changes.add("备注");
        }
        if (!addedMilestones.isEmpty()) {
            changes.add("新增里程碑 " + String.join("、", addedMilestones));
        }
        if (!movedMilestones.isEmpty()) {
            changes.add("调整里程碑 " + String.join("、", movedMilestones));
        }
        if (!removedMilestones.isEmpty()) {
            changes.add("删除里程碑 " + String.join("、", removedMilestones));
        }
        audit.record("cooperation", "修改合作事项", current.code(),
                changes.isEmpty() ? "未修改内容" : String.join("；", changes));
        if (!added.isEmpty()) {
            events.publishEvent(new ItemAssigned(id, current.code(), change.title().strip(), added, lead.code()));
        }
    }

    private String departmentName(String code) {
        return region.findDepartment(code).map(Department::name).orElse(code);
    }

    private record Current(String code, String title, Area area, long actionId, String actionName, long meetingId,
            int sessionNo, String leadDepartmentCode, String target, LocalDate deadline, double weight, String remark) {
    }
}
