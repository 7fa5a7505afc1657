package cn.onecity.identity.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.OrganisationKind;
import cn.onecity.identity.Role;

/**
 * Demo accounts (all with password {@code onecity2026}), loaded once into an empty embedded database.
 * Organisations that are invented for the demo say 示例 in their name.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class IdentityDemoData implements ApplicationRunner {

    static final String PASSWORD = "onecity2026";

    private final Accounts accounts;
    private final JdbcClient jdbc;

    IdentityDemoData(Accounts accounts, JdbcClient jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM idn_account").query(Integer.class).single() > 0) {
            return;
        }
        long platform = orgId("一座城平台运维中心");
        long office = orgId("长株潭一体化发展事务中心");
        long hospital = accounts.createOrganisation("中南大学湘雅医院", OrganisationKind.HOSPITAL, "430100", null, null);
        long enterprise = accounts.createOrganisation("湘潭智造电机有限公司（示例）", OrganisationKind.ENTERPRISE, "430300", null, null);
        long institution = accounts.createOrganisation("湘潭大学", OrganisationKind.INSTITUTION, "430300", null, null);
        long xtPublic = accounts.createOrganisation("湘潭市社会公众", OrganisationKind.PUBLIC, "430300", null, null);

        account("admin", "平台管理员", Role.ADMIN, platform, null);
        account("office", "一体化办督办专员", Role.JOINT_OFFICE, office, null);
        account("cs-staff", "长沙市行政审批服务局（示例人员）", Role.CITY_STAFF, orgId("长沙市行政审批服务局"), null);
        account("zz-staff", "株洲市行政审批服务局（示例人员）", Role.CITY_STAFF, orgId("株洲市行政审批服务局"), null);
        account("xt-staff", "湘潭市行政审批服务局（示例人员）", Role.CITY_STAFF, orgId("湘潭市行政审批服务局"), null);
        account("cs-eco", "长沙市生态环境局（示例人员）", Role.CITY_STAFF, orgId("长沙市生态环境局"), null);
        account("zz-eco", "株洲市生态环境局（示例人员）", Role.CITY_STAFF, orgId("株洲市生态环境局"), null);
        account("xt-eco", "湘潭市生态环境局（示例人员）", Role.CITY_STAFF, orgId("湘潭市生态环境局"), null);
        account("px-eco", "萍乡市生态环境局（示例人员）", Role.CITY_STAFF, orgId("萍乡市生态环境局"), null);
        account("cs-fgw", "长沙市发展和改革委员会（示例人员）", Role.CITY_STAFF, orgId("长沙市发展和改革委员会"), null);
        account("zz-fgw", "株洲市发展和改革委员会（示例人员）", Role.CITY_STAFF, orgId("株洲市发展和改革委员会"), null);
        account("xt-fgw", "湘潭市发展和改革委员会（示例人员）", Role.CITY_STAFF, orgId("湘潭市发展和改革委员会"), null);
        account("cs-jt", "长沙市交通运输局（示例人员）", Role.CITY_STAFF, orgId("长沙市交通运输局"), null);
        account("resident", "湘潭居民（示例）", Role.RESIDENT, xtPublic, "13900000001");
        account("enterprise", "湘潭智造电机（示例）", Role.ENTERPRISE, enterprise, null);
        account("institution", "湘潭大学科技处（示例）", Role.INSTITUTION, institution, null);
        account("hospital", "湘雅医院挂号处（示例）", Role.HOSPITAL_STAFF, hospital, null);
    }

    private long orgId(String name) {
        return jdbc.sql("SELECT id FROM idn_organisation WHERE name = :n").param("n", name).query(Long.class).single();
    }

    private void account(String username, String name, Role role, long org, String phone) {
        accounts.createAccount(new NewAccount(username, name, PASSWORD, role, org, phone));
    }
}
