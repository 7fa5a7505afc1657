package cn.onecity.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.NotFoundException;

/** Accounts and organisations, as other modules need them. */
@Service
public class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,39}");
    private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final Clock clock;

    Accounts(JdbcClient jdbc, PasswordEncoder passwords, PersonalData personalData, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.personalData = personalData;
        this.audit = audit;
        this.clock = clock;
    }

    static final String USER_SQL = """
            SELECT a.id, a.username, a.display_name, a.role, o.id AS org_id, o.name AS org_name,
                   o.city_code, o.department_code
            FROM idn_account a JOIN idn_organisation o ON o.id = a.organisation_id""";

    public Optional<CurrentUser> findByUsername(String username) {
        return jdbc.sql(USER_SQL + " WHERE a.username = :u").param("u", username)
                .query((rs, i) -> new CurrentUser(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getLong("org_id"),
                        rs.getString("org_name"), rs.getString("city_code"), rs.getString("department_code")))
                .optional();
    }

    /** The account with this id, as other modules see it (e.g. to show the username of a registered role). */
    public Optional<CurrentUser> find(long accountId) {
        return jdbc.sql(USER_SQL + " WHERE a.id = :id").param("id", accountId)
                .query((rs, i) -> new CurrentUser(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getLong("org_id"),
                        rs.getString("org_name"), rs.getString("city_code"), rs.getString("department_code")))
                .optional();
    }

    /** The account's phone number, masked ({@code 138****5678}), if it has one: no personal data is read. */
    public Optional<String> maskedPhone(long accountId) {
        return jdbc.sql("SELECT phone_masked FROM idn_account WHERE id = :id AND phone_enc IS NOT NULL")
                .param("id", accountId).query(String.class).optional();
    }

    /**
     * The account's full phone number, for a message the platform itself sends to it (an SMS), if it has one and is
     * enabled. A read of personal data: written to the operation log with its {@code purpose}, in the caller's
     * transaction.
     */
    @Transactional
    public Optional<String> phoneForMessage(long accountId, String purpose) {
        record Stored(String username, String encrypted, String masked) {
        }
        Optional<Stored> stored = jdbc.sql("""
                SELECT username, phone_enc, phone_masked FROM idn_account
                WHERE id = :id AND phone_enc IS NOT NULL AND enabled = TRUE""")
                .param("id", accountId)
                .query((rs, i) -> new Stored(rs.getString("username"), rs.getString("phone_enc"), rs.getString("phone_masked")))
                .optional();
        stored.ifPresent(s -> audit.record("identity", "读取手机号发送短信", s.username(), purpose + "，发往 " + s.masked()));
        return stored.map(s -> personalData.decrypt(s.encrypted()));
    }

    public List<Organisation> organisations() {
        return jdbc.sql("SELECT * FROM idn_organisation ORDER BY kind, city_code, name").query(Accounts::org).list();
    }

    public Organisation organisation(long id) {
        return jdbc.sql("SELECT * FROM idn_organisation WHERE id = :id").param("id", id).query(Accounts::org)
                .optional().orElseThrow(() -> new NotFoundException("机构不存在"));
    }

    /** The organisation that stands for a city department, e.g. {@code 430100-XZSP}. */
    public Optional<Organisation> organisationOfDepartment(String departmentCode) {
        return jdbc.sql("SELECT * FROM idn_organisation WHERE department_code = :d ORDER BY id")
                .param("d", departmentCode).query(Accounts::org).list().stream().findFirst();
    }

    /** The joint office (长株潭一体化发展事务中心). */
    public Optional<Organisation> jointOffice() {
        return jdbc.sql("SELECT * FROM idn_organisation WHERE kind = 'JOINT_OFFICE' ORDER BY id")
                .query(Accounts::org).list().stream().findFirst();
    }

    @Transactional
    public long createOrganisation(String name, OrganisationKind kind, String cityCode, String departmentCode,
            String creditCode) {
        if (name == null || name.isBlank()) {
            throw BusinessException.invalid("name", "请填写机构名称");
        }
        if (kind == OrganisationKind.CITY_DEPARTMENT && departmentCode == null) {
            throw BusinessException.invalid("departmentCode", "市直部门须选择所属部门");
        }
        Integer dup = jdbc.sql("SELECT COUNT(*) FROM idn_organisation WHERE name = :n").param("n", name.strip())
                .query(Integer.class).single();
        if (dup > 0) {
            throw new ConflictException("机构“" + name + "”已存在");
        }
        jdbc.sql("""
                INSERT INTO idn_organisation (name, kind, city_code, department_code, credit_code)
                VALUES (:name, :kind, :city, :dept, :credit)""")
                .param("name", name.strip()).param("kind", kind.name()).param("city", cityCode)
                .param("dept", departmentCode).param("credit", creditCode)
                .update();
        long id = jdbc.sql("SELECT id FROM idn_organisation WHERE name = :n").param("n", name.strip())
                .query(Long.class).single();
        audit.record("identity", "新建机构", name, kind.label());
        return id;
    }

    /** Creates an account; the username must be new and the password must meet the policy. */
    @Transactional
    public long createAccount(NewAccount a) {
        String username = a.username() == null ? "" : a.username().strip().toLowerCase();
        if (!USERNAME.matcher(username).matches()) {
            throw BusinessException.invalid("username", "用户名须以小写字母开头，3–40 位小写字母、数字、点、下划线或连字符");
        }
        if (a.displayName() == null || a.displayName().isBlank()) {
            throw BusinessException.invalid("displayName", "请填写姓名或名称");
        }
        PasswordPolicy.check("password", a.password());
        if (a.role() == null) {
            throw BusinessException.invalid("role", "请选择角色");
        }
        if (a.phone() != null && !a.phone().isBlank() && !PHONE.matcher(a.phone().strip()).matches()) {
            throw BusinessException.invalid("phone", "手机号须为 11 位数字，以 1 开头");
        }
        Organisation org = organisation(a.organisationId());
        checkRoleFitsOrganisation(a.role(), org);
        Integer dup = jdbc.sql("SELECT COUNT(*) FROM idn_account WHERE username = :u").param("u", username)
                .query(Integer.class).single();
        if (dup > 0) {
            throw new ConflictException("用户名“" + username + "”已被使用");
        }
        String phone = a.phone() == null || a.phone().isBlank() ? null : a.phone().strip();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO idn_account (username, display_name, password_hash, role, organisation_id, phone_enc,
                                         phone_masked, enabled, failed_attempts, password_changed_at, created_at)
                VALUES (:u, :d, :p, :r, :o, :pe, :pm, TRUE, 0, :now, :now)""")
                .param("u", username).param("d", a.displayName().strip()).param("p", passwords.encode(a.password()))
                .param("r", a.role().name()).param("o", org.id()).param("pe", personalData.encrypt(phone))
                .param("pm", PersonalData.maskPhone(phone)).param("now", now)
                .update();
        long id = jdbc.sql("SELECT id FROM idn_account WHERE username = :u").param("u", username).query(Long.class).single();
        audit.record("identity", "新建账户", username, a.role().label() + " / " + org.name());
        return id;
    }

    /**
     * The organisation's kind must fit the role (ADMIN belongs to the platform operator, CITY_STAFF to a city
     * department, and so on); otherwise a 400 naming {@code organisationId}.
     */
    public static void checkRoleFitsOrganisation(Role role, Organisation org) {
        boolean fits = switch (role) {
            case ADMIN -> org.kind() == OrganisationKind.PLATFORM;
            case JOINT_OFFICE -> org.kind() == OrganisationKind.JOINT_OFFICE;
            case CITY_STAFF -> org.kind() == OrganisationKind.CITY_DEPARTMENT;
            case HOSPITAL_STAFF -> org.kind() == OrganisationKind.HOSPITAL;
            case ENTERPRISE -> org.kind() == OrganisationKind.ENTERPRISE;
            case INSTITUTION -> org.kind() == OrganisationKind.INSTITUTION;
            case RESIDENT -> org.kind() == OrganisationKind.PUBLIC;
        };
        if (!fits) {
            throw BusinessException.invalid("organisationId",
                    "角色“" + role.label() + "”不能归属于“" + org.kind().label() + "”类机构“" + org.name() + "”");
        }
    }

    static Organisation org(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Organisation(rs.getLong("id"), rs.getString("name"), OrganisationKind.valueOf(rs.getString("kind")),
                rs.getString("city_code"), rs.getString("department_code"), rs.getString("credit_code"));
    }
}
