package cn.onecity.region;

/** A city department; {@code code} is {@code <cityCode>-<kind>}, e.g. {@code 430100-XZSP}. */
public record Department(String code, String cityCode, String kind, String name) {
}
