package cn.onecity.ecology;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemView;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.Times;

/**
 * The joint actions (联防联控行动) an alert belongs to: cooperation items of the 生态共治 area whose title names the
 * action, 湘江治污 for water and 大气治污 for air by default ({@code onecity.ecology.joint-actions.water|air}, comma
 * separated). Only the items the user's data scope reaches are listed.
 */
@Service
public class JointActions {

    private final Cooperation cooperation;
    private final Clock clock;
    private final List<String> water;
    private final List<String> air;

    JointActions(Cooperation cooperation, Clock clock,
            @Value("${onecity.ecology.joint-actions.water:湘江治污,湘江干流水质}") List<String> water,
            @Value("${onecity.ecology.joint-actions.air:大气治污,大气污染}") List<String> air) {
        this.cooperation = cooperation;
        this.clock = clock;
        this.water = water;
        this.air = air;
    }

    /** The cooperation items of the 生态共治 area an alert of this cause links to, newest meeting first. */
    public List<ItemView> forCause(CurrentUser user, String cause) {
        Map<Long, ItemView> items = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        for (String keyword : Alerts.WATER.equals(cause) ? water : air) {
            if (keyword.isBlank()) {
                continue;
            }
            for (ItemView item : cooperation.items(user.scope(),
                    new ItemFilter(null, Area.ECOLOGY, null, null, null, null, keyword.strip()), today)) {
                items.putIfAbsent(item.id(), item);
            }
        }
        return items.values().stream()
                .sorted(java.util.Comparator.comparingInt(ItemView::meetingSessionNo).reversed().thenComparing(ItemView::code))
                .toList();
    }
}
