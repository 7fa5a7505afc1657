package cn.onecity.industry;

import cn.onecity.shared.CreditCodes;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.OrganisationKind;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;

/** Unique test data for 产业协同: the test database may be shared, so every name and code is fresh. */
final class IndTestData {

    static final String PASSWORD = TestAccounts.PASSWORD;

    private final Accounts accounts;
    private final Enterprises enterprises;

    IndTestData(Accounts accounts, Enterprises enterprises) {
        this.accounts = accounts;
        this.enterprises = enterprises;
    }

    /** A valid credit code that no other test uses (district of registration 430100…). */
    static String creditCode() {
        StringBuilder sb = new StringBuilder("91430100");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 9; i++) {
            sb.append(CreditCodes.CHARSET.charAt(r.nextInt(CreditCodes.CHARSET.length())));
        }
        return CreditCodes.withCheck(sb.toString());
    }

    static String unique(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
    }

    /** An ENTERPRISE account in a new organisation of its own. */
    CurrentUser enterpriseAccount(String cityCode) {
        long org = accounts.createOrganisation(unique("测试企业机构"), OrganisationKind.ENTERPRISE, cityCode, null, null);
        String username = TestAccounts.uniqueUsername(Role.ENTERPRISE);
        accounts.createAccount(new NewAccount(username, "测试企业", PASSWORD, Role.ENTERPRISE, org, null));
        return accounts.findByUsername(username).orElseThrow();
    }

    /** A CITY_STAFF account of the city's 工业和信息化局 (organisation from migration V006). */
    CurrentUser gxjStaff(String cityCode) {
        String orgName = switch (cityCode) {
            case "430100" -> "长沙市工业和信息化局";
            case "430200" -> "株洲市工业和信息化局";
            default -> "湘潭市工业和信息化局";
        };
        String username = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        accounts.createAccount(new NewAccount(username, "测试工信", PASSWORD, Role.CITY_STAFF,
                TestAccounts.organisationNamed(accounts, orgName).id(), null));
        return accounts.findByUsername(username).orElseThrow();
    }

    /** Registers an enterprise (as the system) and returns it. */
    Enterprise enterprise(String name, String districtCode, String products, List<Long> segments, List<Long> clusters) {
        long id = enterprises.registerAsSystem(new EnterpriseDraft(name, creditCode(), districtCode, null, "SMALL",
                products, "", segments, clusters));
        return enterprises.get(id);
    }

    /** An enterprise owned by a fresh ENTERPRISE account: claimed and confirmed by the city's 工信局. */
    Owned owned(String name, String districtCode, String cityCode, String products, List<Long> segments,
            List<Long> clusters) {
        Enterprise e = enterprise(name, districtCode, products, segments, clusters);
        CurrentUser account = enterpriseAccount(cityCode);
        long claim = enterprises.claim(account, e.creditCode());
        enterprises.decideClaim(gxjStaff(cityCode), claim, true, null);
        return new Owned(enterprises.get(e.id()), account);
    }

    record Owned(Enterprise enterprise, CurrentUser account) {
    }
}
