package cn.onecity.services;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * An application as its applicant and the staff in scope see it. Personal data is masked; the full values
 * are never part of a view.
 */
public record ApplicationView(long id, String number, long itemId, String itemCode, String itemName, Mode mode,
        String status, String stage, String stageLabel, long applicantAccountId, String applicantName,
        String applicantIdNumber, String applicantPhone, String acceptCityCode, String acceptCityName,
        String acceptDepartment, String acceptDepartmentName, String handleCityCode, String handleCityName,
        String handleDepartment, String handleDepartmentName, Map<String, String> form, OffsetDateTime submittedAt,
        ClockState clock, String decision, String decisionText, String resultFileKey, String deliveryMethod,
        String trackingNumber, String rejectReason, OffsetDateTime completedAt, String processInstanceId,
        List<Step> steps, List<AppMaterial> materials, List<Supplement> supplements, List<Party> parties,
        List<OpenTask> openTasks, List<Rating> ratings) {

    /** A step of the timeline: what happened, when, by whom, and the clock after it. */
    public record Step(OffsetDateTime at, String step, String label, String actor, String actorName, String cityCode,
            String comment, String clock) {
    }

    public record AppMaterial(long id, Long materialId, String name, String originalName, String contentType, long size,
            String sm3, int round, OffsetDateTime uploadedAt) {
    }

    /** A 补正 notice: every missing material at once, and when it was answered. */
    public record Supplement(long id, String stage, List<String> materials, String note, OffsetDateTime requestedAt,
            String requestedBy, OffsetDateTime resumedAt, Integer pausedDays) {
        public boolean open() {
            return resumedAt == null;
        }
    }

    /** A participating department of a 多地联办 application. */
    public record Party(String cityCode, String cityName, String departmentCode, String departmentName, String label,
            String status, String decision, String note, OffsetDateTime doneAt) {
    }

    /** A task waiting in the process, and who may act on it (department codes, or the applicant). */
    public record OpenTask(String taskId, String key, String label, List<String> departments, boolean applicantTask,
            OffsetDateTime created) {
    }

    public record Rating(long id, String target, String departmentCode, String departmentName, int level, String levelLabel,
            String comment, OffsetDateTime ratedAt, boolean counted, Rectification rectification) {
    }

    public record Rectification(long id, String status, String statusLabel, java.time.LocalDate dueDate, String measures,
            String callback, OffsetDateTime answeredAt, String appealReason, String appealDecision) {
    }

    public boolean active() {
        return "IN_PROGRESS".equals(status);
    }

    public boolean done() {
        return "DONE".equals(status);
    }

    public Supplement openSupplement() {
        return supplements.stream().filter(Supplement::open).findFirst().orElse(null);
    }
}
