package cn.onecity.services;

/** An application was completed (办结 and delivered) and archived. */
public record ApplicationCompleted(long applicationId, String number, String decision, boolean onTime) {
}
