package cn.onecity.industry;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An investment of the park cooperation fund (园区合作基金); {@code amountWan} in 万元. */
public record FundInvestment(long id, String project, String parkCode, String parkName, String cityCode,
        String cityName, BigDecimal amountWan, LocalDate investedOn, String note) {

    public boolean sample() {
        return project.contains("示例") || note != null && note.contains("示例");
    }
}
