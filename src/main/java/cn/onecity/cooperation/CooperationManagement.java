package cn.onecity.cooperation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
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
        if (title == null || title.isBlank()) {
            errors.add(new FieldMessage("title", "请填写会议名称"));
        }
        if (heldOn == null) {
            errors.add(new FieldMessage("heldOn", "请填写会议日期"));
        }
        if (hostCityCode == null || region.findCity(hostCityCode).isEmpty()) {
            errors.add(new FieldMessage("hostCityCode", "请选择轮值方城市"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        if (jdbc.sql("SELECT COUNT(*) FROM coop_meeting WHERE session_no = :n").param("n", sessionNo)
                .query(Integer.class).single() > 0) {
            throw new ConflictException("第" + sessionNo + "届联席会议已存在");
        }
        jdbc.sql("""
                INSERT INTO coop_meeting (session_no, title, held_on, host_city_code, theme, note)
                VALUES (:n, :title, :heldOn, :host, :theme, :note)""")
                .param("n", sessionNo).param("title", title.strip()).param("heldOn", heldOn)
                .param("host", hostCityCode).param("theme", theme).param("note", note).update();
        audit.record("cooperation", "新建联席会议", "第" + sessionNo + "届", title);
        return jdbc.sql("SELECT id FROM coop_meeting WHERE session_no = :n").param("n", sessionNo).query(Long.class).single();
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
        }
        if (item.deadline() == null) {
            errors.add(new FieldMessage("deadline", "请填写完成时限"));
        }
        if (item.weight() != null && (item.weight() <= 0 || item.weight() > 100)) {
            errors.add(new FieldMessage("weight", "权重须大于 0 且不超过 100"));
        }
        for (NewItem.NewMilestone m : item.milestones() == null ? List.<NewItem.NewMilestone>of() : item.milestones()) {
            if (m.name() == null || m.name().isBlank() || m.dueDate() == null) {
                errors.add(new FieldMessage("milestones", "里程碑须有名称和计划日期"));
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
}
