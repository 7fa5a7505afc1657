package cn.onecity.cooperation;

import java.util.List;

/**
 * A cooperation item was assigned to responsible departments: all of them when it is created (lead first), or
 * the departments newly added when it is edited. {@code leadDepartmentCode} names the item's lead department
 * (it may not be among {@code departmentCodes} after an edit).
 */
public record ItemAssigned(long itemId, String code, String title, List<String> departmentCodes,
        String leadDepartmentCode) {

    /** An assignment whose first department is the lead. */
    public ItemAssigned(long itemId, String code, String title, List<String> departmentCodes) {
        this(itemId, code, title, departmentCodes, departmentCodes.isEmpty() ? null : departmentCodes.get(0));
    }
}
