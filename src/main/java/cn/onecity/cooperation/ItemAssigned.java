package cn.onecity.cooperation;

import java.util.List;

/** A cooperation item was assigned to its responsible departments (lead first). */
public record ItemAssigned(long itemId, String code, String title, List<String> departmentCodes) {
}
