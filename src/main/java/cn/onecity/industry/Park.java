package cn.onecity.industry;

/** An industrial park (园区), e.g. 株洲高新区. */
public record Park(String code, String name, String cityCode, String districtCode) {
}
