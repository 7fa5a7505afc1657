package cn.onecity.cooperation;

import java.time.LocalDate;
import java.util.List;

/**
 * A module that follows cooperation items with data of its own (e.g. the projects module: a major project's
 * milestones and invested amount) implements this, and the item page shows its sections below the item's own
 * milestones. Cooperation depends on no implementer: modules that depend on cooperation implement it.
 */
public interface ItemProgressContributor {

    /** The sections to show on the page of item {@code itemId} as of {@code asOf}; empty when it follows none. */
    List<Section> sections(long itemId, LocalDate asOf);

    /** One followed thing: a title with a link, key figures, and its milestones. */
    record Section(String title, String link, String status, List<Fact> facts, List<Step> steps) {
    }

    /** A labelled figure, e.g. 累计完成投资 = 12.3 亿元. */
    record Fact(String label, String value) {
    }

    /** A milestone: planned and actual date; {@code state} is done, late or due. */
    record Step(String name, LocalDate planned, LocalDate actual, String state) {

        public String stateLabel() {
            return "done".equals(state) ? "已完成" : "late".equals(state) ? "已滞后" : "未到期";
        }
    }
}
