package cn.onecity.services;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The svc_application row, for the module's own code. */
record ApplicationRow(long id, String number, long itemId, Mode mode, long applicantAccountId, long applicantOrgId,
        String applicantNameMask, String applicantIdMask, String applicantPhoneMask, String acceptCityCode,
        String acceptDepartment, String handleCityCode, String handleDepartment, String formData, String status,
        String stage, String processInstanceId, OffsetDateTime submittedAt, LocalDate clockStart, int promisedDays,
        int pausedDays, LocalDate pausedSince, LocalDate dueDate, String decision, String decisionText,
        String resultFileKey, String deliveryMethod, String trackingNumber, String rejectReason,
        OffsetDateTime completedAt, LocalDate completedOn, Integer usedDays, OffsetDateTime escalatedAt) {

    static final String COLUMNS = """
            a.id, a.number, a.item_id, a.mode, a.applicant_account_id, a.applicant_org_id, a.applicant_name_mask,
            a.applicant_id_mask, a.applicant_phone_mask, a.accept_city_code, a.accept_department, a.handle_city_code,
            a.handle_department, a.form_data, a.status, a.stage, a.process_instance_id, a.submitted_at, a.clock_start,
            a.promised_days, a.paused_days, a.paused_since, a.due_date, a.decision, a.decision_text, a.result_file_key,
            a.delivery_method, a.tracking_number, a.reject_reason, a.completed_at, a.completed_on, a.used_days,
            a.escalated_at""";

    static ApplicationRow map(ResultSet rs, int n) throws SQLException {
        return new ApplicationRow(rs.getLong(1), rs.getString(2), rs.getLong(3), Mode.valueOf(rs.getString(4)),
                rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), rs.getObject(18, OffsetDateTime.class),
                rs.getObject(19, LocalDate.class), rs.getInt(20), rs.getInt(21), rs.getObject(22, LocalDate.class),
                rs.getObject(23, LocalDate.class), rs.getString(24), rs.getString(25), rs.getString(26),
                rs.getString(27), rs.getString(28), rs.getString(29), rs.getObject(30, OffsetDateTime.class),
                rs.getObject(31, LocalDate.class), (Integer) rs.getObject(32), rs.getObject(33, OffsetDateTime.class));
    }

    boolean inProgress() {
        return "IN_PROGRESS".equals(status);
    }
}
