package cn.onecity.industry;

import java.time.LocalDate;

/** A member service organisation of the 长株潭产业协同 alliance; the counts are computed from its service records. */
public record AllianceMember(long id, String name, String cityCode, String cityName, String serviceArea,
        Long organisationId, LocalDate joinedOn, String note, long services, long enterprisesServed) {

    public boolean sample() {
        return name.contains("示例") || note != null && note.contains("示例");
    }
}
