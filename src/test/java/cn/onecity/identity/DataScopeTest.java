package cn.onecity.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The data scope each role's organisation fixes; a missing scope fails closed. */
class DataScopeTest {

    private static CurrentUser user(Role role, String city, String department) {
        return new CurrentUser(42, "u", "用户", role, 7, "机构", city, department);
    }

    @Test
    void requireRefusesAMissingScope() {
        assertThatThrownBy(() -> DataScope.require(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireReturnsAGivenScope() {
        DataScope scope = new DataScope.City("430100");
        assertThat(DataScope.require(scope)).isSameAs(scope);
    }

    @Test
    void noUserSeesNothing() {
        assertThat(DataScope.of(null)).isEqualTo(new DataScope.Nothing());
    }

    @Test
    void administratorsAndTheJointOfficeSeeEveryCity() {
        assertThat(DataScope.of(user(Role.ADMIN, null, null))).isEqualTo(new DataScope.All());
        assertThat(DataScope.of(user(Role.JOINT_OFFICE, null, null))).isEqualTo(new DataScope.All());
        assertThat(DataScope.of(user(Role.ADMIN, null, null)).isAll()).isTrue();
        assertThat(DataScope.of(user(Role.ADMIN, null, null)).cityCode()).isNull();
    }

    @Test
    void cityStaffSeeTheirDepartmentInTheirCity() {
        DataScope scope = DataScope.of(user(Role.CITY_STAFF, "430100", "430100-XZSP"));
        assertThat(scope).isEqualTo(new DataScope.Department("430100", "430100-XZSP"));
        assertThat(scope.cityCode()).isEqualTo("430100");
        assertThat(scope.isAll()).isFalse();
    }

    @Test
    void cityStaffWithoutADepartmentSeeNothing() {
        assertThat(DataScope.of(user(Role.CITY_STAFF, "430100", null))).isEqualTo(new DataScope.Nothing());
        assertThat(DataScope.of(user(Role.CITY_STAFF, null, "430100-XZSP"))).isEqualTo(new DataScope.Nothing());
    }

    @Test
    void hospitalsEnterprisesAndInstitutionsSeeTheirOrganisation() {
        for (Role role : new Role[] {Role.HOSPITAL_STAFF, Role.ENTERPRISE, Role.INSTITUTION}) {
            assertThat(DataScope.of(user(role, "430300", null))).as(role.name()).isEqualTo(new DataScope.Organisation(7));
        }
    }

    @Test
    void residentsSeeTheirOwnRecords() {
        assertThat(DataScope.of(user(Role.RESIDENT, "430300", null))).isEqualTo(new DataScope.Own(42));
        assertThat(user(Role.RESIDENT, "430300", null).scope()).isEqualTo(new DataScope.Own(42));
    }

    @Test
    void everyRoleHasAScope() {
        for (Role role : Role.values()) {
            assertThat(DataScope.of(user(role, "430100", "430100-XZSP"))).as(role.name()).isNotNull();
        }
    }
}
