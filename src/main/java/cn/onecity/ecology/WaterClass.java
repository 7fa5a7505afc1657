package cn.onecity.ecology;

/** A surface-water class of GB 3838-2002, I (best) to V, and 劣V for worse than V. */
public enum WaterClass {
    I("I", "优"), II("II", "优"), III("III", "良好"), IV("IV", "轻度污染"), V("V", "中度污染"), WORSE_THAN_V("劣V", "重度污染");

    private final String label;
    private final String quality;

    WaterClass(String label, String quality) {
        this.label = label;
        this.quality = quality;
    }

    /** I, II, III, IV, V or 劣V, as reports and the API write it. */
    public String label() {
        return label;
    }

    /** 水质状况 of the 评价办法: 优 (I–II), 良好, 轻度污染, 中度污染, 重度污染 (劣V). */
    public String quality() {
        return quality;
    }

    public boolean worseThan(WaterClass other) {
        return compareTo(other) > 0;
    }

    /** From I, II, III, IV, V, 劣V (also Roman numerals Ⅰ…Ⅴ and 劣Ⅴ, and WORSE_THAN_V). */
    public static WaterClass parse(String text) {
        String t = text == null ? "" : text.strip().replace("Ⅰ", "I").replace("Ⅱ", "II").replace("Ⅲ", "III")
                .replace("Ⅳ", "IV").replace("Ⅴ", "V").replace("类", "");
        for (WaterClass c : values()) {
            if (c.label.equals(t) || c.name().equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown water class: " + text);
    }
}
