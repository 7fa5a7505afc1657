package cn.onecity.region;

/** A city, e.g. 430100 长沙市 (short name 长沙). */
public record City(String code, String name, String shortName) {
}
