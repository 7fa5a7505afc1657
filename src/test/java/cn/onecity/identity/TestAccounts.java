package cn.onecity.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Accounts for tests. The test database may be shared (CI runs the suite on one PostgreSQL database) and is
 * never assumed empty: every account gets a fresh username, and tests assert on their own rows only.
 */
public final class TestAccounts {

    /** The password of every account made here; it meets {@link PasswordPolicy}. */
    public static final String PASSWORD = "Test2026pass";

    private TestAccounts() {
    }

    /** A username that no other test uses, e.g. {@code t-city_staff-48213377}. */
    public static String uniqueUsername(Role role) {
        return "t-" + role.name().toLowerCase() + "-" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
    }

    /** Creates an account of the role in an organisation that fits it and returns its username. */
    public static String create(Accounts accounts, Role role) {
        return create(accounts, role, null);
    }

    /** As {@link #create(Accounts, Role)}, with a phone number (stored encrypted). */
    public static String create(Accounts accounts, Role role, String phone) {
        String username = uniqueUsername(role);
        accounts.createAccount(new NewAccount(username, "测试" + role.label(), PASSWORD, role,
                organisationFor(accounts, role).id(), phone));
        return username;
    }

    /**
     * An organisation whose kind fits the role: the ones from migration V006 for ADMIN, JOINT_OFFICE and
     * CITY_STAFF (长沙市行政审批服务局); for the other roles an existing one of the kind, or a new test one.
     */
    public static Organisation organisationFor(Accounts accounts, Role role) {
        OrganisationKind kind = switch (role) {
            case ADMIN -> OrganisationKind.PLATFORM;
            case JOINT_OFFICE -> OrganisationKind.JOINT_OFFICE;
            case CITY_STAFF -> OrganisationKind.CITY_DEPARTMENT;
            case HOSPITAL_STAFF -> OrganisationKind.HOSPITAL;
            case ENTERPRISE -> OrganisationKind.ENTERPRISE;
            case INSTITUTION -> OrganisationKind.INSTITUTION;
            case RESIDENT -> OrganisationKind.PUBLIC;
        };
        if (kind == OrganisationKind.CITY_DEPARTMENT) {
            return organisationNamed(accounts, "长沙市行政审批服务局");
        }
        return accounts.organisations().stream().filter(o -> o.kind() == kind).findFirst()
                .orElseGet(() -> accounts.organisation(accounts.createOrganisation(
                        "测试" + kind.label() + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000), kind,
                        "430300", null, null)));
    }

    public static Organisation organisationNamed(Accounts accounts, String name) {
        return accounts.organisations().stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("organisation " + name + " is missing (migration V006)"));
    }

    /** Signs in through the login form and returns the session to send with later requests. */
    public static MockHttpSession login(MockMvc mvc, String username) throws Exception {
        return login(mvc, username, PASSWORD);
    }

    public static MockHttpSession login(MockMvc mvc, String username, String password) throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(username).password(password))
                .andExpect(authenticated()).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
