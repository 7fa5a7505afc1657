package cn.onecity.region;

public record District(String code, String cityCode, String name) {
}
