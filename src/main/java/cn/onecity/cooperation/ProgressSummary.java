package cn.onecity.cooperation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import cn.onecity.identity.DataScope;

/**
 * The generated progress report (进展情况) of a joint meeting's action plan, computed live from the items and
 * their accepted reports as of a date, in the register of the joint meetings' press releases:
 * "长株潭一体化第五届市委书记联席会议明确三市实施“四大行动”60项重点合作事项，目前57项……".
 * Aggregate figures only: it reads every item ({@link DataScope.All}) and exposes no personal data.
 */
@Service
public class ProgressSummary {

    private final Cooperation cooperation;

    ProgressSummary(Cooperation cooperation) {
        this.cooperation = cooperation;
    }

    /** One area's figures; {@code area} is the Chinese label (产业协同). */
    public record AreaSummary(String area, int total, int completed, int ongoing, int delayed, int notStarted,
            double progress, List<String> completedTitles) {

        /** Items not completed: ongoing, delayed and not started (正在持续推进). */
        public int inProgress() {
            return ongoing + delayed + notStarted;
        }
    }

    /** The report; {@code text} holds paragraphs separated by a line feed. */
    public record Summary(int meeting, String meetingTitle, LocalDate asOf, int total, int completed, int ongoing,
            int delayed, int notStarted, double progress, List<AreaSummary> byArea, String text) {

        public List<String> paragraphs() {
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        }

        public int inProgress() {
            return ongoing + delayed + notStarted;
        }
    }

    /** Every joint meeting, newest first. */
    public List<Meeting> meetings() {
        return cooperation.meetings();
    }

    /** The newest joint meeting (highest session number), if any. */
    public Optional<Meeting> newestMeeting() {
        return cooperation.meetings().stream().findFirst();
    }

    /** The summary of a meeting as of a date; an unknown meeting is 404. */
    public Summary summary(int sessionNo, LocalDate asOf) {
        Meeting meeting = cooperation.meeting(sessionNo);
        List<ItemView> items = cooperation.items(new DataScope.All(), ItemFilter.meeting(sessionNo), asOf);
        int actions = cooperation.actions(sessionNo).size();
        List<AreaSummary> byArea = new ArrayList<>();
        for (Area area : Area.values()) {
            List<ItemView> inArea = items.stream().filter(i -> i.area() == area)
                    .sorted(Cooperation.BY_AREA_AND_CODE).toList();
            if (inArea.isEmpty()) {
                continue;
            }
            byArea.add(new AreaSummary(area.label(), inArea.size(), count(inArea, ItemStatus.COMPLETED),
                    count(inArea, ItemStatus.ONGOING), count(inArea, ItemStatus.DELAYED),
                    count(inArea, ItemStatus.NOT_STARTED), StatusRules.rollUp(inArea),
                    inArea.stream().filter(i -> i.status() == ItemStatus.COMPLETED).map(ItemView::title).toList()));
        }
        int total = items.size();
        int completed = count(items, ItemStatus.COMPLETED);
        int ongoing = count(items, ItemStatus.ONGOING);
        int delayed = count(items, ItemStatus.DELAYED);
        int notStarted = count(items, ItemStatus.NOT_STARTED);
        String text = text(sessionNo, actions, total, completed, delayed, byArea);
        return new Summary(sessionNo, meeting.title(), asOf, total, completed, ongoing, delayed, notStarted,
                StatusRules.rollUp(items), List.copyOf(byArea), text);
    }

    private static int count(List<ItemView> items, ItemStatus status) {
        return (int) items.stream().filter(i -> i.status() == status).count();
    }

    static String text(int sessionNo, int actions, int total, int completed, int delayed, List<AreaSummary> byArea) {
        int inProgress = total - completed;
        StringBuilder sb = new StringBuilder("长株潭一体化第").append(chineseNumber(sessionNo)).append("届市委书记联席会议");
        if (total == 0) {
            return sb.append("暂未明确重点合作事项。").toString();
        }
        sb.append("明确三市实施");
        if (actions > 0) {
            sb.append("“").append(actions == 2 ? "两" : chineseNumber(actions)).append("大行动”");
        }
        sb.append(total).append("项重点合作事项，目前");
        if (completed == total) {
            sb.append(total).append("项重点合作事项已全部完成既定目标任务。");
        } else if (completed == 0) {
            sb.append(total).append("项重点合作事项正在持续推进");
            if (delayed > 0) {
                sb.append("，其中").append(delayed).append("项滞后");
            }
            sb.append("。");
        } else {
            sb.append(completed).append("项重点合作事项已完成既定目标任务，")
                    .append(inProgress).append("项重点合作事项正在持续推进");
            if (delayed > 0) {
                sb.append("，其中").append(delayed).append("项滞后");
            }
            sb.append("。");
        }
        for (AreaSummary a : byArea) {
            sb.append('\n').append(a.area()).append("方面，共").append(a.total()).append("项重点合作事项，");
            if (a.completed() == a.total()) {
                sb.append("已全部完成");
            } else if (a.completed() == 0) {
                sb.append("均正在持续推进");
            } else {
                sb.append(a.completed()).append("项已完成，").append(a.inProgress()).append("项正在持续推进");
            }
            if (a.delayed() > 0) {
                sb.append("（其中").append(a.delayed()).append("项滞后）");
            }
            sb.append("。");
            if (a.completed() > 0) {
                sb.append(String.join("、", a.completedTitles())).append("已完成。");
            }
        }
        return sb.toString();
    }

    private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    private static final String[] UNITS = {"", "十", "百", "千"};

    /** A non-negative number in Chinese numerals as used in running text: 4 → 四, 15 → 十五, 105 → 一百零五. */
    public static String chineseNumber(int n) {
        if (n < 0) {
            return "负" + chineseNumber(-n);
        }
        if (n == 0) {
            return DIGITS[0];
        }
        if (n >= 100_000_000) {
            return chineseNumber(n / 100_000_000) + "亿" + rest(n % 100_000_000, 10_000_000);
        }
        if (n >= 10_000) {
            String high = chineseNumber(n / 10_000);
            return high + "万" + rest(n % 10_000, 1_000);
        }
        String s = section(n);
        return n >= 10 && n < 20 ? s.substring(1) : s; // 十五, not 一十五
    }

    private static String rest(int remainder, int highestUnit) {
        if (remainder == 0) {
            return "";
        }
        String s = remainder >= 10_000 ? chineseNumber(remainder) : section(remainder);
        return remainder < highestUnit ? "零" + s : s;
    }

    /** 1–9999 without leading 零. */
    private static String section(int n) {
        StringBuilder sb = new StringBuilder();
        boolean zero = false;
        for (int unit = 3; unit >= 0; unit--) {
            int p = (int) Math.pow(10, unit);
            int d = n / p % 10;
            if (d == 0) {
                zero = sb.length() > 0;
                continue;
            }
            if (zero) {
                sb.append(DIGITS[0]);
                zero = false;
            }
            sb.append(DIGITS[d]).append(UNITS[unit]);
        }
        return sb.toString();
    }
}
