package cn.onecity.cooperation;

/** A responsible department of an item: the lead, or a co-responsible one. */
public record Party(String cityCode, String departmentCode, boolean lead) {
}
