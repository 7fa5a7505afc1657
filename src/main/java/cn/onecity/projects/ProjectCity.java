package cn.onecity.projects;

import java.math.BigDecimal;

/** A city involved in a project, its responsible department, and the investment it has reported (万元). */
public record ProjectCity(String cityCode, String cityName, String departmentCode, String departmentName, BigDecimal invested) {
}
