package cn.onecity.cooperation;

/** An evidence file of a report: what was stored and its SM3 digest (hex). */
public record EvidenceView(long id, long reportId, String name, String contentType, long size, String sm3) {

    /** Size for people: bytes, or KB/MB with one decimal. */
    public String sizeText() {
        if (size >= 1024 * 1024) {
            return String.format("%.1f MB", size / 1024.0 / 1024.0);
        }
        if (size >= 1024) {
            return String.format("%.1f KB", size / 1024.0);
        }
        return size + " B";
    }
}
