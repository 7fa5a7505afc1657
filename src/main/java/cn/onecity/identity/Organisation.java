package cn.onecity.identity;

/** An organisation; it fixes the data scope of the accounts that belong to it. */
public record Organisation(long id, String name, OrganisationKind kind, String cityCode, String departmentCode,
        String creditCode) {
}
