package cn.onecity.industry;

import java.util.List;

/**
 * An industrial chain of the "4+4" panorama, with its segments as a tree (上游 / 中游 / 下游, nested).
 * {@code category} is its group (优势产业链 / 新兴产业链).
 */
public record Chain(long id, String name, String category, String note, List<Segment> segments) {

    /** A segment with its sub-segments; {@code enterprises} are those tagged with exactly this segment. */
    public record Segment(long id, Long parentId, Stage stage, String name, List<Segment> children,
            List<Member> enterprises) {

        public boolean leaf() {
            return children.isEmpty();
        }
    }

    /** An enterprise in a segment, with its city (for the colour of the panorama). */
    public record Member(long id, String name, String cityCode, String cityName) {
    }

    public boolean sample() {
        return name.contains("示例") || note != null && note.contains("示例");
    }
}
