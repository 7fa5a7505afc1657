package cn.onecity.cooperation;

import java.time.LocalDate;
import java.util.List;

/**
 * The new state of an existing cooperation item; its code (事项编号) and meeting never change.
 *
 * @param actionId   an action plan of the item's meeting, or null to keep the current one
 * @param actionName the name of an action plan to use (created in the item's meeting when new); when not blank
 *                   it wins over {@code actionId}
 * @param milestones the milestones as they should be: kept by name, new names added, unlisted open ones removed
 */
public record ItemChange(Long actionId, String actionName, String title, Area area, String leadDepartmentCode,
        List<String> coDepartmentCodes, String target, LocalDate deadline, Double weight, String remark,
        List<NewItem.NewMilestone> milestones) {
}
