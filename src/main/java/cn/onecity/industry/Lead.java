package cn.onecity.industry;

import java.math.BigDecimal;

/**
 * A lead or project of joint investment promotion (一体化招商). {@code segmentId}: the chain segment it fills (a
 * 补链 / 强链 target); amounts in 万元; {@code xiangshang}: a 湘商回归 project.
 */
public record Lead(long id, String investor, String project, Long segmentId, String segmentPath, String targetCity,
        String targetCityName, BigDecimal amountWan, BigDecimal inPlaceWan, LeadStage stage, boolean xiangshang,
        String note) {

    public boolean sample() {
        return investor.contains("示例") || project.contains("示例");
    }
}
