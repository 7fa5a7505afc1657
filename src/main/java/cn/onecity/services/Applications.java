package cn.onecity.services;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.task.api.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.identity.PersonalData;
import cn.onecity.identity.Role;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.FileStore;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.IdNumbers;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.Times;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applying for a service item: submission with materials (one transaction that also starts the item's BPMN
 * process, so there is never an application without a process or the other way round), the tracking view,
 * withdrawal before acceptance, and 补正 by the applicant.
 */
@Service
public class Applications {

    static final String MODULE = "services";

    private final JdbcClient jdbc;
    private final Catalogue catalogue;
    private final Region region;
    private final PersonalData personalData;
    private final FileStore files;
    private final AuditLog audit;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ServiceClock serviceClock;
    private final Notices notices;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    Applications(JdbcClient jdbc, Catalogue catalogue, Region region, PersonalData personalData, FileStore files,
            AuditLog audit, RuntimeService runtime, TaskService tasks, ServiceClock serviceClock, Notices notices,
            ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.region = region;
        this.personalData = personalData;
        this.files = files;
        this.audit = audit;
        this.runtime = runtime;
        this.tasks = tasks;
        this.serviceClock = serviceClock;
        this.notices = notices;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    public record Submitted(long id, String number) {
    }

    // ------------------------------------------------------------------------------------------ submission

    @Transactional
    public Submitted submit(CurrentUser user, NewApplication a, List<Upload> uploads) {
        if (user == null || !user.isAny(Role.RESIDENT, Role.ENTERPRISE)) {
            throw new ForbiddenException("只有个人或企业用户可以申请办理");
        }
        List<FieldMessage> errors = new ArrayList<>();
        ServiceItem item = null;
        if (a.itemId() == null) {
            errors.add(new FieldMessage("itemId", "请选择服务事项"));
        } else {
            item = catalogue.load(List.of(a.itemId())).stream().filter(ServiceItem::published).findFirst().orElse(null);
            if (item == null) {
                throw new NotFoundException("服务事项不存在或未发布");
            }
        }
        Optional<Mode> mode = Mode.parse(a.mode());
        if (mode.isEmpty()) {
            errors.add(new FieldMessage("mode", "请选择办理方式"));
        } else if (item != null && !item.offers(mode.get())) {
            errors.add(new FieldMessage("mode", "该事项不支持“" + mode.get().label() + "”"));
        }
        if (item != null && item.subject() == Subject.LEGAL && !user.is(Role.ENTERPRISE)) {
            errors.add(new FieldMessage("itemId", "该事项面向法人，请使用企业账号申请"));
        }
        if (item != null && item.subject() == Subject.PERSONAL && !user.is(Role.RESIDENT)) {
            errors.add(new FieldMessage("itemId", "该事项面向个人，请使用个人账号申请"));
        }
        Routing routing = item == null || mode.isEmpty() ? null : route(item, mode.get(), a, errors);
        LocalDate today = serviceClock.today();
        String name = a.applicantName() == null ? "" : a.applicantName().trim();
        if (name.isEmpty() || name.length() > 50) {
            errors.add(new FieldMessage("applicantName", "请填写申请人姓名（50 字以内）"));
        }
        String idNumber = IdNumbers.normalise(a.idNumber());
        IdNumbers.problem(idNumber, today).ifPresent(m -> errors.add(new FieldMessage("idNumber", m)));
        String phone = a.phone() == null ? "" : a.phone().trim();
        if (!phone.matches("1[3-9][0-9]{9}")) {
            errors.add(new FieldMessage("phone", "请填写 11 位手机号码"));
        }
        Map<String, String> form = new LinkedHashMap<>();
        if (item != null) {
            for (FormField f : item.formFields()) {
                String v = a.form() == null ? null : a.form().get(f.label());
                v = v == null ? "" : v.trim();
                if (f.required() && v.isEmpty()) {
                    errors.add(new FieldMessage("form." + f.label(), "请填写“" + f.label() + "”"));
                } else if (v.length() > 500) {
                    errors.add(new FieldMessage("form." + f.label(), "“" + f.label() + "”最多 500 字"));
                }
                form.put(f.label(), v);
            }
            checkMaterials(item, uploads, errors);
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "申请有 " + errors.size() + " 处需要修改：" + errors.get(0).message(), errors);
        }

        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean clockAtSubmission = mode.get() != Mode.PROXY;
        LocalDate start = clockAtSubmission ? today : null;
        ServiceClock.Due due = start == null ? null : serviceClock.due(start, item.promisedDays());
        Map<String, Object> p = new HashMap<>();
        p.put("item", item.id());
        p.put("mode", mode.get().name());
        p.put("acc", user.accountId());
        p.put("org", user.organisationId());
        p.put("name", personalData.encrypt(name));
        p.put("nameMask", PersonalData.maskName(name));
        p.put("idn", personalData.encrypt(idNumber));
        p.put("idMask", PersonalData.maskIdNumber(idNumber));
        p.put("phone", personalData.encrypt(phone));
        p.put("phoneMask", PersonalData.maskPhone(phone));
        p.put("aCity", routing.acceptCity);
        p.put("aDept", routing.acceptDept);
        p.put("hCity", routing.handleCity);
        p.put("hDept", routing.handleDept);
        p.put("form", json.writeValueAsString(form));
        p.put("stage", firstStage(mode.get()));
        p.put("at", now);
        p.put("start", start);
        p.put("promised", item.promisedDays());
        p.put("due", due == null ? null : due.date());
        org.springframework.jdbc.support.KeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO svc_application (item_id, mode, applicant_account_id, applicant_org_id, applicant_name,
                    applicant_name_mask, applicant_id_number, applicant_id_mask, applicant_phone, applicant_phone_mask,
                    accept_city_code, accept_department, handle_city_code, handle_department, form_data, status, stage,
                    submitted_at, clock_start, promised_days, due_date)
                VALUES (:item, :mode, :acc, :org, :name, :nameMask, :idn, :idMask, :phone, :phoneMask, :aCity, :aDept,
                    :hCity, :hDept, :form, 'IN_PROGRESS', :stage, :at, :start, :promised, :due)""")
                .params(p).update(key, "id");
        long id = key.getKey().longValue();
        String number = "CZT" + today.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%08d", id);
        jdbc.sql("UPDATE svc_application SET number = :n WHERE id = :id").param("n", number).param("id", id).update();

        for (Upload u : uploads) {
            Material m = item.materials().stream().filter(x -> x.id() == u.materialId()).findFirst().orElseThrow();
            saveMaterial(id, m.id(), m.name(), u, 0, now);
        }
        if (mode.get() == Mode.JOINT) {
            for (int i = 0; i < routing.joint.size(); i++) {
                Department d = routing.joint.get(i);
                jdbc.sql("""
                        INSERT INTO svc_application_party (application_id, city_code, department_code, label, status)
                        VALUES (:a, :c, :d, :l, 'PENDING')""")
                        .param("a", id).param("c", d.cityCode()).param("d", d.code()).param("l", i == 0 ? "主办地" : "协办地")
                        .update();
            }
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("applicationId", id);
        String pid = runtime.createProcessInstanceBuilder().processDefinitionKey(mode.get().processKey())
                .businessKey(number).variables(vars).start().getId();
        jdbc.sql("UPDATE svc_application SET process_instance_id = :p WHERE id = :id").param("p", pid).param("id", id).update();
        String stage = firstStage(mode.get());
        ClockState clockState = serviceClock.state(start, item.promisedDays(), 0, null, null, today);
        step(id, "SUBMIT", user, routing.acceptCity, mode.get().label() + "：" + item.name(), clockState.text());
        audit.record(MODULE, "提交申请", number, item.name() + "（" + mode.get().label() + "）");
        // the first task is known from the mode, so the inbox notice needs no query of the engine
        List<String> first = mode.get() == Mode.JOINT ? routing.joint.stream().map(Department::code).toList()
                : List.of(mode.get() == Mode.PROXY ? routing.acceptDept : routing.handleDept);
        for (String dept : first) {
            notices.toDepartment(dept, "【待办】" + Stages.task(stage) + "：" + item.name(),
                    "申请编号 " + number + " 待“" + Stages.task(stage) + "”。", number);
        }
        events.publishEvent(new ApplicationSubmitted(id, number, mode.get().name(), routing.acceptCity, routing.handleCity));
        return new Submitted(id, number);
    }

    /** The first user task of each mode's process. */
    static String firstStage(Mode mode) {
        return switch (mode) {
            case PROXY -> "windowCheck";
            case ONLINE -> "accept";
            case JOINT -> "jointHandle";
        };
    }

    private static final class Routing {
        String acceptCity;
        String acceptDept;
        String handleCity;
        String handleDept;
        List<Department> joint = List.of();
    }

    private Routing route(ServiceItem item, Mode mode, NewApplication a, List<FieldMessage> errors) {
        Routing r = new Routing();
        if (mode == Mode.JOINT) {
            List<String> cities = new ArrayList<>(new LinkedHashSet<>(a.jointCities() == null ? List.of()
                    : a.jointCities().stream().filter(c -> c != null && !c.isBlank()).map(String::trim).toList()));
            if (cities.size() < 2) {
                errors.add(new FieldMessage("jointCities", "多地联办请至少选择两个不同的城市"));
                return r;
            }
            List<Department> depts = new ArrayList<>();
            for (String c : cities) {
                String dept = item.departments().get(c);
                if (dept == null) {
                    errors.add(new FieldMessage("jointCities", "该事项在所选城市没有主管部门：" + c));
                    return r;
                }
                depts.add(region.department(dept));
            }
            r.joint = depts;
            r.acceptCity = r.handleCity = depts.get(0).cityCode();
            r.acceptDept = r.handleDept = depts.get(0).code();
            return r;
        }
        String handle = a.handleCity() == null ? "" : a.handleCity().trim();
        if (handle.isEmpty() || region.findCity(handle).isEmpty()) {
            errors.add(new FieldMessage("handleCity", "请选择办理地"));
            return r;
        }
        String handleDept = item.departments().get(handle);
        if (handleDept == null) {
            errors.add(new FieldMessage("handleCity", "该事项在所选办理地没有主管部门"));
            return r;
        }
        r.handleCity = handle;
        r.handleDept = handleDept;
        if (mode == Mode.ONLINE) {
            r.acceptCity = handle;
            r.acceptDept = handleDept;
            return r;
        }
        String accept = a.acceptCity() == null ? "" : a.acceptCity().trim();
        if (accept.isEmpty() || region.findCity(accept).isEmpty()) {
            errors.add(new FieldMessage("acceptCity", "请选择收件地"));
            return r;
        }
        if (accept.equals(handle)) {
            errors.add(new FieldMessage("acceptCity", "收件地与办理地相同，无需异地代收代办，请选择全程网办"));
            return r;
        }
        Optional<Department> window = region.findDepartment(accept, "XZSP");
        if (window.isEmpty()) {
            errors.add(new FieldMessage("acceptCity", "收件地没有政务服务窗口"));
            return r;
        }
        r.acceptCity = accept;
        r.acceptDept = window.get().code();
        return r;
    }

    private void checkMaterials(ServiceItem item, List<Upload> uploads, List<FieldMessage> errors) {
        Set<Long> given = new LinkedHashSet<>();
        for (Upload u : uploads) {
            Optional<Material> m = item.materials().stream().filter(x -> u.materialId() != null && x.id() == u.materialId())
                    .findFirst();
            if (m.isEmpty()) {
                errors.add(new FieldMessage("materials", "文件《" + u.originalName() + "》不对应本事项的任何申请材料"));
                continue;
            }
            String problem = FileStore.problem(u.originalName(), u.content());
            if (problem != null) {
                errors.add(new FieldMessage("material-" + m.get().id(), m.get().name() + "：" + problem));
            } else {
                given.add(m.get().id());
            }
        }
        for (Material m : item.materials()) {
            if (m.required() && !given.contains(m.id())
                    && errors.stream().noneMatch(e -> e.field().equals("material-" + m.id()))) {
                errors.add(new FieldMessage("material-" + m.id(), "缺少必要材料：" + m.name()));
            }
        }
    }

    void saveMaterial(long applicationId, Long materialId, String name, Upload u, int round, OffsetDateTime at) {
        FileStore.StoredFile f = files.store(u.originalName(), u.content());
        jdbc.sql("""
                INSERT INTO svc_application_material (application_id, material_id, name, file_key, original_name,
                    content_type, size_bytes, sm3, round_no, uploaded_at)
                VALUES (:a, :m, :n, :k, :o, :t, :s, :h, :r, :at)""")
                .param("a", applicationId).param("m", materialId).param("n", name).param("k", f.key())
                .param("o", f.originalName()).param("t", f.contentType()).param("s", f.size()).param("h", f.sm3())
                .param("r", round).param("at", at).update();
    }

    static Date dueAt(LocalDate due) {
        // overdue from the first moment after the due date
        return Date.from(due.plusDays(1).atStartOfDay(Times.ZONE).toInstant());
    }

    // ------------------------------------------------------------------------------------------ shared helpers

    ApplicationRow row(long id) {
        return jdbc.sql("SELECT " + ApplicationRow.COLUMNS + " FROM svc_application a WHERE a.id = :id").param("id", id)
                .query(ApplicationRow::map).optional().orElseThrow(() -> new NotFoundException("申请不存在"));
    }

    Optional<ApplicationRow> rowByNumber(String number) {
        return jdbc.sql("SELECT " + ApplicationRow.COLUMNS + " FROM svc_application a WHERE a.number = :n")
                .param("n", number == null ? "" : number.trim()).query(ApplicationRow::map).optional();
    }

    /** The process step the case now waits in, written to the row (terminal states are set by their commands). */
    String syncStage(long id, String processInstanceId) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(processInstanceId).orderByTaskCreateTime().asc().list();
        if (open.isEmpty()) {
            return null;
        }
        String stage = open.get(0).getTaskDefinitionKey();
        jdbc.sql("UPDATE svc_application SET stage = :s WHERE id = :id AND status = 'IN_PROGRESS'")
                .param("s", stage).param("id", id).update();
        return stage;
    }

    void step(long applicationId, String step, CurrentUser actor, String cityCode, String comment, String clockText) {
        jdbc.sql("""
                INSERT INTO svc_step (application_id, at, step, actor, actor_name, city_code, comment, clock)
                VALUES (:a, :at, :s, :u, :n, :c, :m, :k)""")
                .param("a", applicationId).param("at", OffsetDateTime.now(clock)).param("s", step)
                .param("u", actor == null ? "system" : actor.username())
                .param("n", actor == null ? "系统" : actorName(actor))
                .param("c", cityCode).param("m", comment == null ? null : comment.length() > 2000 ? comment.substring(0, 2000) : comment)
                .param("k", clockText).update();
    }

    /** The actor as the timeline names them: the person, and their organisation unless the name already says it. */
    static String actorName(CurrentUser actor) {
        String org = actor.organisationName();
        return org == null || actor.displayName().contains(org) ? actor.displayName() : actor.displayName() + "（" + org + "）";
    }

    ClockState clockOf(ApplicationRow r) {
        if (!r.inProgress() && !"DONE".equals(r.status())) {
            // 不予受理, 退回 or 撤回: the limit stopped when the case ended, and nothing can be overdue any more
            return serviceClock.ended(r.clockStart(), r.promisedDays(), r.pausedDays(), r.completedAt() == null
                    ? serviceClock.today() : r.completedAt().atZoneSameInstant(Times.ZONE).toLocalDate());
        }
        return serviceClock.state(r.clockStart(), r.promisedDays(), r.pausedDays(), r.pausedSince(), r.completedOn(),
                serviceClock.today());
    }

    String clockText(long id) {
        return clockOf(row(id)).text();
    }

    /** Whether a user may see an application: its applicant, the departments it is routed to, the joint office. */
    boolean canSee(CurrentUser user, ApplicationRow r) {
        DataScope scope = DataScope.require(user == null ? null : user.scope());
        if (scope instanceof DataScope.All) {
            return true;
        }
        if (scope instanceof DataScope.Own o) {
            return r.applicantAccountId() == o.accountId();
        }
        if (scope instanceof DataScope.Organisation o) {
            return user.is(Role.ENTERPRISE) && r.applicantOrgId() == o.organisationId();
        }
        if (scope instanceof DataScope.Department d) {
            return d.departmentCode().equals(r.acceptDepartment()) || d.departmentCode().equals(r.handleDepartment())
                    || jdbc.sql("SELECT COUNT(*) FROM svc_application_party WHERE application_id = :a AND department_code = :d")
                            .param("a", r.id()).param("d", d.departmentCode()).query(Long.class).single() > 0;
        }
        return false;
    }

    /** The WHERE clause (on alias a) that limits applications to a scope; binds :scopeValue. */
    static String scopeClause(DataScope scope) {
        DataScope.require(scope);
        if (scope instanceof DataScope.All) {
            return "1 = 1";
        }
        if (scope instanceof DataScope.Own) {
            return "a.applicant_account_id = :scopeValue";
        }
        if (scope instanceof DataScope.Organisation) {
            return "a.applicant_org_id = :scopeValue";
        }
        if (scope instanceof DataScope.Department) {
            return "(a.accept_department = :scopeValue OR a.handle_department = :scopeValue OR EXISTS (SELECT 1 FROM "
                    + "svc_application_party p WHERE p.application_id = a.id AND p.department_code = :scopeValue))";
        }
        if (scope instanceof DataScope.City) {
            return "(a.accept_city_code = :scopeValue OR a.handle_city_code = :scopeValue)";
        }
        return "1 = 0";
    }

    static Object scopeValue(DataScope scope) {
        if (scope instanceof DataScope.Own o) {
            return o.accountId();
        }
        if (scope instanceof DataScope.Organisation o) {
            return o.organisationId();
        }
        if (scope instanceof DataScope.Department d) {
            return d.departmentCode();
        }
        if (scope instanceof DataScope.City c) {
            return c.cityCode();
        }
        return "";
    }

    ApplicationRow visibleRow(CurrentUser user, String number) {
        ApplicationRow r = rowByNumber(number).orElseThrow(() -> new NotFoundException("申请 " + number + " 不存在"));
        if (!canSee(user, r)) {
            // the same answer as a missing number: staff of another city learn nothing about it
            throw new NotFoundException("申请 " + number + " 不存在");
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------ reading

    public ApplicationView view(CurrentUser user, String number) {
        return toView(visibleRow(user, number));
    }

    ApplicationView toView(ApplicationRow r) {
        ServiceItem item = catalogue.item(r.itemId());
        List<ApplicationView.Step> steps = jdbc.sql("""
                SELECT at, step, actor, actor_name, city_code, comment, clock FROM svc_step WHERE application_id = :a
                ORDER BY at, id""").param("a", r.id())
                .query((rs, n) -> new ApplicationView.Step(rs.getObject(1, OffsetDateTime.class), rs.getString(2),
                        Stages.step(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7)))
                .list();
        List<ApplicationView.AppMaterial> mats = jdbc.sql("""
                SELECT id, material_id, name, original_name, content_type, size_bytes, sm3, round_no, uploaded_at
                FROM svc_application_material WHERE application_id = :a ORDER BY round_no, id""").param("a", r.id())
                .query((rs, n) -> new ApplicationView.AppMaterial(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getInt(8),
                        rs.getObject(9, OffsetDateTime.class)))
                .list();
        List<ApplicationView.Supplement> sups = jdbc.sql("""
                SELECT id, stage, materials, note, requested_at, requested_by, resumed_at, paused_days
                FROM svc_supplement WHERE application_id = :a ORDER BY id""").param("a", r.id())
                .query((rs, n) -> new ApplicationView.Supplement(rs.getLong(1), rs.getString(2),
                        List.of(rs.getString(3).split("\n")), rs.getString(4), rs.getObject(5, OffsetDateTime.class),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class), (Integer) rs.getObject(8)))
                .list();
        List<ApplicationView.Party> parties = jdbc.sql("""
                SELECT city_code, department_code, label, status, decision, note, done_at FROM svc_application_party
                WHERE application_id = :a ORDER BY CASE WHEN label = '主办地' THEN 0 ELSE 1 END, city_code""").param("a", r.id())
                .query((rs, n) -> new ApplicationView.Party(rs.getString(1), region.cityShortName(rs.getString(1)),
                        rs.getString(2), deptName(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class)))
                .list();
        List<ApplicationView.OpenTask> open = new ArrayList<>();
        if (r.processInstanceId() != null && r.inProgress()) {
            for (Task t : tasks.createTaskQuery().processInstanceId(r.processInstanceId()).orderByTaskCreateTime().asc().list()) {
                List<String> groups = tasks.getIdentityLinksForTask(t.getId()).stream()
                        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null).map(IdentityLink::getGroupId)
                        .toList();
                open.add(new ApplicationView.OpenTask(t.getId(), t.getTaskDefinitionKey(), Stages.task(t.getTaskDefinitionKey()),
                        groups, t.getAssignee() != null, t.getCreateTime() == null ? null
                                : t.getCreateTime().toInstant().atZone(Times.ZONE).toOffsetDateTime()));
            }
        }
        Map<String, String> form = json.readValue(r.formData(), new TypeReference<LinkedHashMap<String, String>>() {
        });
        return new ApplicationView(r.id(), r.number(), item.id(), item.code(), item.name(), r.mode(), r.status(), r.stage(),
                Stages.stage("IN_PROGRESS".equals(r.status()) ? r.stage() : r.status()), r.applicantAccountId(),
                r.applicantNameMask(), r.applicantIdMask(), r.applicantPhoneMask(), r.acceptCityCode(),
                region.cityShortName(r.acceptCityCode()), r.acceptDepartment(), deptName(r.acceptDepartment()),
                r.handleCityCode(), region.cityShortName(r.handleCityCode()), r.handleDepartment(),
                deptName(r.handleDepartment()), form, r.submittedAt(), clockOf(r), r.decision(), r.decisionText(),
                r.resultFileKey(), r.deliveryMethod(), r.trackingNumber(), r.rejectReason(), r.completedAt(),
                r.processInstanceId(), steps, mats, sups, parties, open, ratings(r.id()));
    }

    List<ApplicationView.Rating> ratings(long applicationId) {
        return jdbc.sql("""
                SELECT r.id, r.target, r.department_code, r.level, r.comment, r.rated_at, r.counted,
                       x.id, x.status, x.due_date, x.measures, x.callback, x.answered_at, x.appeal_reason, x.appeal_decision
                FROM svc_rating r LEFT JOIN svc_rectification x ON x.rating_id = r.id
                WHERE r.application_id = :a ORDER BY r.target DESC""").param("a", applicationId)
                .query((rs, n) -> new ApplicationView.Rating(rs.getLong(1), rs.getString(2), rs.getString(3),
                        deptName(rs.getString(3)), rs.getInt(4), Stages.level(rs.getInt(4)), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7), rs.getObject(8) == null ? null
                                : new ApplicationView.Rectification(rs.getLong(8), rs.getString(9),
                                        Ratings.statusLabel(rs.getString(9)), rs.getObject(10, LocalDate.class),
                                        rs.getString(11), rs.getString(12), rs.getObject(13, OffsetDateTime.class),
                                        rs.getString(14), rs.getString(15))))
                .list();
    }

    String deptName(String code) {
        return code == null ? null : region.findDepartment(code).map(Department::name).orElse(code);
    }

    /** A summary line of an application, for lists and inboxes. */
    public record Summary(long id, String number, String itemName, Mode mode, String status, String stageLabel,
            String applicantName, String acceptCityName, String handleCityName, OffsetDateTime submittedAt,
            ClockState clock) {
    }

    Summary summary(ApplicationRow r, String itemName) {
        return new Summary(r.id(), r.number(), itemName, r.mode(), r.status(),
                Stages.stage("IN_PROGRESS".equals(r.status()) ? r.stage() : r.status()), r.applicantNameMask(),
                region.cityShortName(r.acceptCityCode()), region.cityShortName(r.handleCityCode()), r.submittedAt(),
                clockOf(r));
    }

    /** Applications in the caller's scope: an applicant's own, a department's routed cases, or all. */
    public PageResult<Summary> list(CurrentUser user, String status, int page, int size) {
        DataScope scope = DataScope.require(user == null ? null : user.scope());
        String where = scopeClause(scope) + (status == null || status.isBlank() ? "" : " AND a.status = :status");
        long total = jdbc.sql("SELECT COUNT(*) FROM svc_application a WHERE " + where)
                .param("scopeValue", scopeValue(scope)).param("status", status).query(Long.class).single();
        List<ApplicationRow> rows = jdbc.sql("SELECT " + ApplicationRow.COLUMNS + " FROM svc_application a WHERE " + where
                        + " ORDER BY a.id DESC LIMIT :limit OFFSET :offset")
                .param("scopeValue", scopeValue(scope)).param("status", status).param("limit", size)
                .param("offset", page * size).query(ApplicationRow::map).list();
        Map<Long, String> names = itemNames(rows.stream().map(ApplicationRow::itemId).distinct().toList());
        return new PageResult<>(rows.stream().map(r -> summary(r, names.get(r.itemId()))).toList(), page, size, total);
    }

    Map<Long, String> itemNames(List<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, name FROM svc_item WHERE id IN (:ids)").param("ids", ids)
                    .query(rs -> {
                        out.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return out;
    }

    /** A material file of an application, for its applicant and the staff in scope; the read is audited. */
    @Transactional
    public Download material(CurrentUser user, String number, long materialRowId) {
        ApplicationRow r = visibleRow(user, number);
        Map<String, Object> m = jdbc.sql("""
                SELECT file_key, original_name, content_type FROM svc_application_material WHERE id = :id AND application_id = :a""")
                .param("id", materialRowId).param("a", r.id()).query().singleRow();
        audit.record(MODULE, "查看申请材料", number, (String) m.get("original_name"));
        return new Download((String) m.get("original_name"), (String) m.get("content_type"), files.read((String) m.get("file_key")));
    }

    /** The result document of a completed application. */
    @Transactional
    public Download result(CurrentUser user, String number) {
        ApplicationRow r = visibleRow(user, number);
        if (r.resultFileKey() == null) {
            throw new NotFoundException("该申请还没有结果文书");
        }
        audit.record(MODULE, "查看结果文书", number, null);
        String ext = r.resultFileKey().substring(r.resultFileKey().lastIndexOf('.'));
        return new Download("结果文书-" + number + ext, FileStore.sniff(files.read(r.resultFileKey())), files.read(r.resultFileKey()));
    }

    public record Download(String name, String contentType, byte[] content) {
    }

    /** The applicant's full personal data, for staff in scope who need it; every reveal is audited. */
    @Transactional
    public Map<String, String> revealApplicant(CurrentUser user, String number) {
        ApplicationRow r = visibleRow(user, number);
        if (!user.isAny(Role.CITY_STAFF, Role.JOINT_OFFICE)) {
            throw new ForbiddenException("只有经办人员可以查看完整的申请人信息");
        }
        Map<String, Object> enc = jdbc.sql("SELECT applicant_name, applicant_id_number, applicant_phone FROM svc_application WHERE id = :id")
                .param("id", r.id()).query().singleRow();
        audit.record(MODULE, "查看申请人完整信息", number, "姓名、身份证号码、手机号码");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("name", personalData.decrypt((String) enc.get("applicant_name")));
        out.put("idNumber", personalData.decrypt((String) enc.get("applicant_id_number")));
        out.put("phone", personalData.decrypt((String) enc.get("applicant_phone")));
        return out;
    }

    // ------------------------------------------------------------------------------------------ applicant actions

    /** Withdraws an application that no department has accepted yet. */
    @Transactional
    public void withdraw(CurrentUser user, String number, String reason) {
        ApplicationRow r = visibleRow(user, number);
        if (r.applicantAccountId() != user.accountId()) {
            throw new ForbiddenException("只有申请人本人可以撤回申请");
        }
        boolean accepted = jdbc.sql("SELECT COUNT(*) FROM svc_step WHERE application_id = :a AND step IN ('ACCEPT', 'JOINT_DONE')")
                .param("a", r.id()).query(Long.class).single() > 0;
        if (!r.inProgress() || accepted) {
            throw new ConflictException("申请已受理或已结束，不能撤回");
        }
        runtime.deleteProcessInstance(r.processInstanceId(), "申请人撤回");
        OffsetDateTime now = OffsetDateTime.now(clock);
        endPause(r, now); // a wait for a 补正 stays paused time, not time used
        jdbc.sql("UPDATE svc_application SET status = 'WITHDRAWN', stage = 'WITHDRAWN', completed_at = :at WHERE id = :id")
                .param("at", now).param("id", r.id()).update();
        step(r.id(), "WITHDRAW", user, null, reason == null || reason.isBlank() ? null : reason.trim(), null);
        audit.record(MODULE, "撤回申请", number, reason);
    }

    /**
     * Ends the case's open 补正 (if any) at {@code now}: the working days it waited are added to the case's paused
     * days, which move its due date, and recorded on the 补正.
     */
    private void endPause(ApplicationRow r, OffsetDateTime now) {
        int paused = r.pausedSince() == null ? 0 : serviceClock.workingDaysAfter(r.pausedSince(), serviceClock.today());
        int totalPaused = r.pausedDays() + paused;
        LocalDate due = r.clockStart() == null ? null : serviceClock.due(r.clockStart(), r.promisedDays() + totalPaused).date();
        jdbc.sql("UPDATE svc_application SET paused_days = :p, paused_since = NULL, due_date = :d WHERE id = :id")
                .param("p", totalPaused).param("d", due).param("id", r.id()).update();
        jdbc.sql("UPDATE svc_supplement SET resumed_at = :at, paused_days = :p WHERE application_id = :a AND resumed_at IS NULL")
                .param("at", now).param("p", paused).param("a", r.id()).update();
    }

    /**
     * The applicant answers a 补正 notice: one file for each listed material (by its index in the notice). The
     * clock resumes, and the case returns to the step that asked.
     */
    @Transactional
    public void supplement(CurrentUser user, String number, Map<Integer, Upload> uploads, String note) {
        ApplicationRow r = visibleRow(user, number);
        if (r.applicantAccountId() != user.accountId()) {
            throw new ForbiddenException("只有申请人本人可以补正材料");
        }
        Map<String, Object> sup = jdbc.sql("""
                SELECT id, materials FROM svc_supplement WHERE application_id = :a AND resumed_at IS NULL""")
                .param("a", r.id()).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new ConflictException("该申请当前不需要补正"));
        Task task = tasks.createTaskQuery().processInstanceId(r.processInstanceId())
                .taskAssignee(Long.toString(r.applicantAccountId())).singleResult();
        if (task == null) {
            throw new ConflictException("该申请当前不需要补正");
        }
        String[] missing = ((String) sup.get("materials")).split("\n");
        List<FieldMessage> errors = new ArrayList<>();
        for (int i = 0; i < missing.length; i++) {
            Upload u = uploads == null ? null : uploads.get(i);
            if (u == null || u.content() == null || u.content().length == 0) {
                errors.add(new FieldMessage("supplement-" + i, "请上传补正材料：" + missing[i]));
                continue;
            }
            String problem = FileStore.problem(u.originalName(), u.content());
            if (problem != null) {
                errors.add(new FieldMessage("supplement-" + i, missing[i] + "：" + problem));
            }
        }
        if (note != null && note.length() > 1000) {
            errors.add(new FieldMessage("note", "补正说明最多 1000 字"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "补正有 " + errors.size() + " 处需要修改：" + errors.get(0).message(), errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int round = jdbc.sql("SELECT COALESCE(MAX(round_no), 0) + 1 FROM svc_application_material WHERE application_id = :a")
                .param("a", r.id()).query(Integer.class).single();
        for (int i = 0; i < missing.length; i++) {
            saveMaterial(r.id(), null, missing[i], uploads.get(i), round, now);
        }
        endPause(r, now);
        tasks.complete(task.getId());
        String stage = syncStage(r.id(), r.processInstanceId());
        step(r.id(), "SUPPLEMENTED", user, null, (note == null || note.isBlank() ? "" : note.trim() + "；")
                + "补正 " + missing.length + " 项材料，计时恢复", clockText(r.id()));
        audit.record(MODULE, "补正材料", number, String.join("、", missing));
        notices.taskArrived(r.id(), number, catalogue.item(r.itemId()).name(), stage);
    }
}
