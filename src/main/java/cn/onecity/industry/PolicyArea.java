package cn.onecity.industry;

/** One of the five areas of 《长株潭产业协同发展重大政策清单》, with the number of policies recorded in it. */
public record PolicyArea(String code, String name, String note, long policies) {
}
