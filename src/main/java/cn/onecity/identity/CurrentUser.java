package cn.onecity.identity;

/**
 * The signed-in user as every module sees them. Controllers receive it as a method parameter.
 *
 * @param cityCode       the city of the user's organisation (null for platform-wide organisations)
 * @param departmentCode the department code (e.g. {@code 430100-XZSP}) for CITY_STAFF, else null
 */
public record CurrentUser(long accountId, String username, String displayName, Role role, long organisationId,
        String organisationName, String cityCode, String departmentCode) implements java.io.Serializable {

    public boolean is(Role r) {
        return role == r;
    }

    public boolean isAny(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }

    /** The data scope that this user's organisation fixes. */
    public DataScope scope() {
        return DataScope.of(this);
    }

    /** The department kind, e.g. {@code XZSP} from {@code 430100-XZSP}. */
    public String departmentKind() {
        if (departmentCode == null) {
            return null;
        }
        int i = departmentCode.indexOf('-');
        return i < 0 ? departmentCode : departmentCode.substring(i + 1);
    }
}
