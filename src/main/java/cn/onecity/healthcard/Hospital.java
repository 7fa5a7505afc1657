package cn.onecity.healthcard;

import java.time.LocalDate;

/**
 * A registered 二级以上公立医院.
 *
 * @param creditCode     统一社会信用代码, or null when not recorded
 * @param organisationId the hospital's organisation on the platform once connected (its staff verify codes), else null
 * @param note           remarks; 示例 marks facts that were not verified
 */
public record Hospital(long id, String name, String grade, String cityCode, String cityName, String districtCode,
        String districtName, String creditCode, Long organisationId, LocalDate connectedOn, String note) {

    public boolean connected() {
        return organisationId != null;
    }
}
