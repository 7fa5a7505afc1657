package cn.onecity.healthcard;

/** A hospital to register: name, grade (三级甲等 …), district (GB/T 2260, fixes the city), credit code (optional). */
public record NewHospital(String name, String grade, String districtCode, String creditCode, String note) {
}
