package cn.onecity.services;

import java.util.Map;

/** Chinese names of process steps and application states. */
public final class Stages {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("windowCheck", "待窗口收件"), Map.entry("accept", "待受理"),
            Map.entry("supplementAccept", "待补正"), Map.entry("supplementReview", "待补正"),
            Map.entry("review", "审核中"), Map.entry("decide", "待办结"), Map.entry("deliver", "待送达"),
            Map.entry("collect", "待窗口领取"), Map.entry("jointHandle", "多地联办中"),
            Map.entry("DONE", "已办结"), Map.entry("RETURNED", "已退回"), Map.entry("REJECTED", "不予受理"),
            Map.entry("WITHDRAWN", "已撤回"));

    private static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("SUBMIT", "提交申请"), Map.entry("RECEIVE", "窗口收件并转交"), Map.entry("RETURN", "窗口退回"),
            Map.entry("ACCEPT", "受理"), Map.entry("REJECT", "不予受理"), Map.entry("SUPPLEMENT", "一次性告知补正"),
            Map.entry("SUPPLEMENTED", "申请人补正"), Map.entry("PASS", "审核通过"), Map.entry("APPROVE", "办结（准予）"),
            Map.entry("DENY", "办结（不予）"), Map.entry("MAIL", "邮寄送达"), Map.entry("WINDOW", "转收件窗口送达"),
            Map.entry("COLLECTED", "窗口领取"), Map.entry("ONLINE", "电子送达"), Map.entry("ARCHIVE", "归档"),
            Map.entry("WITHDRAW", "申请人撤回"), Map.entry("JOINT_DONE", "联办部门办结"), Map.entry("CONCLUDE", "联办汇总办结"),
            Map.entry("ESCALATE", "超期督办"), Map.entry("RATE", "好差评"));

    private static final Map<String, String> TASKS = Map.of("windowCheck", "窗口收件", "accept", "受理",
            "supplementAccept", "补正（受理）", "supplementReview", "补正（审核）", "review", "审核", "decide", "办结",
            "deliver", "送达", "collect", "窗口领取", "jointHandle", "联办办理");

    private Stages() {
    }

    public static String stage(String stage) {
        return LABELS.getOrDefault(stage, stage);
    }

    public static String step(String step) {
        return STEPS.getOrDefault(step, step);
    }

    public static String task(String key) {
        return TASKS.getOrDefault(key, key);
    }

    public static String level(int level) {
        return switch (level) {
            case 5 -> "非常满意";
            case 4 -> "满意";
            case 3 -> "基本满意";
            case 2 -> "不满意";
            case 1 -> "非常不满意";
            default -> String.valueOf(level);
        };
    }
}
