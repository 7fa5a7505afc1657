package cn.onecity.services;

/** An application was submitted and its handling process started. */
public record ApplicationSubmitted(long applicationId, String number, String mode, String acceptCityCode,
        String handleCityCode) {
}
