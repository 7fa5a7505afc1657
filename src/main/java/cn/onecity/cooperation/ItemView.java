package cn.onecity.cooperation;

import java.time.LocalDate;
import java.util.List;

/** A cooperation item with its progress, status and light derived as of {@code asOf}. */
public record ItemView(long id, String code, String title, Area area, int meetingSessionNo, long actionId,
        String actionName, String leadCityCode, String leadDepartmentCode, String leadDepartmentName,
        List<Party> parties, String target, LocalDate deadline, double weight, String remark, LocalDate asOf,
        int progress, ItemStatus status, Light light, LocalDate completedOn, LocalDate nextDue, int pendingReports) {

    public boolean involvesCity(String cityCode) {
        return parties.stream().anyMatch(p -> p.cityCode().equals(cityCode));
    }

    public boolean involvesDepartment(String departmentCode) {
        return parties.stream().anyMatch(p -> p.departmentCode().equals(departmentCode));
    }
}
