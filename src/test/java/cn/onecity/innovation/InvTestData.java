package cn.onecity.innovation;

import java.util.concurrent.ThreadLocalRandom;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.OrganisationKind;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;

/** Unique test data for 科技成果转化: the test database may be shared, so every name is fresh. */
final class InvTestData {

    static final String PASSWORD = TestAccounts.PASSWORD;

    private final Accounts accounts;

    InvTestData(Accounts accounts) {
        this.accounts = accounts;
    }

    static String unique(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
    }

    /** An account of the role in a new organisation of the kind in the city. */
    CurrentUser inNewOrganisation(Role role, OrganisationKind kind, String orgName, String cityCode) {
        long org = accounts.createOrganisation(orgName, kind, cityCode, null, null);
        return account(role, org);
    }

    CurrentUser account(Role role, long organisationId) {
        String username = TestAccounts.uniqueUsername(role);
        accounts.createAccount(new NewAccount(username, "测试" + role.label(), PASSWORD, role, organisationId, null));
        return accounts.findByUsername(username).orElseThrow();
    }

    CurrentUser institution(String cityCode) {
        return inNewOrganisation(Role.INSTITUTION, OrganisationKind.INSTITUTION, unique("测试大学"), cityCode);
    }

    CurrentUser enterprise(String cityCode) {
        return inNewOrganisation(Role.ENTERPRISE, OrganisationKind.ENTERPRISE, unique("测试企业"), cityCode);
    }

    /** A CITY_STAFF account of the city's 科学技术局 (organisation from migration V006). */
    CurrentUser kjj(String cityCode) {
        return account(Role.CITY_STAFF, accounts.organisationOfDepartment(cityCode + "-KJJ").orElseThrow().id());
    }

    CurrentUser jointOffice() {
        return account(Role.JOINT_OFFICE, accounts.jointOffice().orElseThrow().id());
    }
}
