package cn.onecity.services;

import java.time.LocalDate;

/**
 * The time limit of an application as of a day: counted in working days of the platform calendar from the
 * platform's acceptance (day 0), stopped while the applicant supplements materials (补正).
 *
 * @param used        working days used so far (pauses excluded)
 * @param remaining   working days left until the due date (0 on the due date and after it)
 * @param finished    the case was completed (办结); the clock stopped that day
 * @param ended       the case ended without 办结 (不予受理, 退回, 撤回); the clock stopped that day and has no light
 * @param provisional true when a year's holiday arrangement is not loaded yet and Monday–Friday was assumed
 */
public record ClockState(boolean started, LocalDate start, LocalDate due, int promised, int used, int remaining,
        int pausedDays, boolean paused, boolean finished, boolean ended, Light light, boolean provisional) {

    public enum Light {
        NONE("未计时", "secondary"), GREEN("绿灯", "success"), YELLOW("黄灯", "warning"), RED("红灯", "danger");

        private final String label;
        private final String css;

        Light(String label, String css) {
            this.label = label;
            this.css = css;
        }

        public String label() {
            return label;
        }

        public String css() {
            return css;
        }
    }

    public static ClockState notStarted(int promised) {
        return new ClockState(false, null, null, promised, 0, promised, 0, false, false, false, Light.NONE, false);
    }

    /** One line for the timeline and lists, e.g. "已用 2 / 承诺 5 个工作日，剩余 3 个工作日（绿灯）". */
    public String text() {
        if (!started) {
            return "未开始计时（承诺 " + promised + " 个工作日）";
        }
        StringBuilder b = new StringBuilder("已用 " + used + " / 承诺 " + promised + " 个工作日");
        if (finished) {
            b.append(light == Light.RED ? "，超期办结" : "，按期办结");
        } else if (ended) {
            b.append("，办理已终止，不再计时");
        } else if (paused) {
            b.append("，补正中计时暂停");
        } else if (light == Light.RED) {
            b.append("，已超期");
        } else {
            b.append("，剩余 ").append(remaining).append(" 个工作日");
        }
        if (pausedDays > 0) {
            b.append("（补正暂停 ").append(pausedDays).append(" 个工作日）");
        }
        if (provisional) {
            b.append("（含未发布节假日安排的年份，暂按周一至周五计算）");
        }
        return b.toString();
    }
}
