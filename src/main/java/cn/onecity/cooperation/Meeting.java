package cn.onecity.cooperation;

import java.time.LocalDate;

/** A joint meeting of the three cities' party secretaries (市委书记联席会议), e.g. the 5th. */
public record Meeting(long id, int sessionNo, String title, LocalDate heldOn, String hostCityCode, String theme,
        String note) {
}
