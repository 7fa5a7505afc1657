package cn.onecity.identity;

import java.util.Objects;

/**
 * Which records a caller may see. Every query that returns scoped data takes one and applies it in the
 * WHERE clause it owns. There is no "unscoped" value: a missing scope is a programming error and fails
 * closed ({@link #require(DataScope)}), and {@link Nothing} matches no record at all.
 */
public sealed interface DataScope {

    /** The joint office and administrators: every city. */
    record All() implements DataScope {
    }

    /** One city's records. */
    record City(String cityCode) implements DataScope {
        public City {
            Objects.requireNonNull(cityCode, "cityCode");
        }
    }

    /** CITY_STAFF: their city's records, and changes only to their department's. */
    record Department(String cityCode, String departmentCode) implements DataScope {
        public Department {
            Objects.requireNonNull(cityCode, "cityCode");
            Objects.requireNonNull(departmentCode, "departmentCode");
        }
    }

    /** Hospitals, enterprises, institutions: their organisation's records. */
    record Organisation(long organisationId) implements DataScope {
    }

    /** Residents: their own records. */
    record Own(long accountId) implements DataScope {
    }

    /** Matches nothing. */
    record Nothing() implements DataScope {
    }

    static DataScope of(CurrentUser user) {
        if (user == null) {
            return new Nothing();
        }
        return switch (user.role()) {
            case ADMIN, JOINT_OFFICE -> new All();
            case CITY_STAFF -> user.cityCode() == null || user.departmentCode() == null
                    ? new Nothing() : new Department(user.cityCode(), user.departmentCode());
            case HOSPITAL_STAFF, ENTERPRISE, INSTITUTION -> new Organisation(user.organisationId());
            case RESIDENT -> new Own(user.accountId());
        };
    }

    /** Fails closed when a caller forgot to pass a scope. */
    static DataScope require(DataScope scope) {
        if (scope == null) {
            throw new IllegalArgumentException("a data scope is required for this query; none was given");
        }
        return scope;
    }

    /** The city this scope is limited to, or null for {@link All}. */
    default String cityCode() {
        if (this instanceof City c) {
            return c.cityCode();
        }
        if (this instanceof Department d) {
            return d.cityCode();
        }
        return null;
    }

    default boolean isAll() {
        return this instanceof All;
    }
}
