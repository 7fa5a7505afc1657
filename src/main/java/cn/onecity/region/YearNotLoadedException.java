package cn.onecity.region;

import cn.onecity.shared.BusinessException;

/** A computation reached a year whose State Council arrangement is not loaded: 422, never a guess. */
public class YearNotLoadedException extends BusinessException {

    private final int year;

    public YearNotLoadedException(int year) {
        super(422, year + " 年的法定节假日安排尚未录入工作日历，无法按工作日计算期限。请管理员在国务院办公厅发布通知后录入该年度安排。");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
