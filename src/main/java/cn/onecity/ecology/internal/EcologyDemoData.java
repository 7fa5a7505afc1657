package cn.onecity.ecology.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo monitoring stations, loaded once into an empty table: water sections on the 湘江 main stream (target II; the
 * seed says it is steady at class II), on tributaries, and a drinking-water reservoir (a LAKE section), and air
 * stations in 长沙, 株洲, 湘潭 and 萍乡 (长株潭萍 joint air-pollution legislation). Names follow well-known places,
 * but codes, exact sites and targets are not from an official station list: every row says 示例 in its note.
 */
@Component
@Order(60)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class EcologyDemoData implements ApplicationRunner {

    /** code, name, city code, city, kind, water body, water name, target class. */
    static final String[][] STATIONS = {
            {"W-ZZ-XJ-01", "湘江株洲枫溪断面", "430200", "株洲", "WATER", "RIVER", "湘江", "II"},
            {"W-XT-XJ-01", "湘江湘潭五星断面", "430300", "湘潭", "WATER", "RIVER", "湘江", "II"},
            {"W-CS-XJ-01", "湘江长沙猴子石断面", "430100", "长沙", "WATER", "RIVER", "湘江", "II"},
            {"W-CS-LY-01", "浏阳河长沙三角洲断面", "430100", "长沙", "WATER", "RIVER", "浏阳河", "III"},
            {"W-XT-JS-01", "涓水湘潭易俗河断面", "430300", "湘潭", "WATER", "RIVER", "涓水", "III"},
            {"W-CS-ZSQ-01", "株树桥水库库心", "430100", "长沙", "WATER", "LAKE", "株树桥水库", "II"},
            {"A-CS-01", "长沙马坡岭", "430100", "长沙", "AIR", null, null, null},
            {"A-CS-02", "长沙湖南师范大学", "430100", "长沙", "AIR", null, null, null},
            {"A-ZZ-01", "株洲市监测站", "430200", "株洲", "AIR", null, null, null},
            {"A-XT-01", "湘潭板塘", "430300", "湘潭", "AIR", null, null, null},
            {"A-PX-01", "萍乡市监测站", "360300", "萍乡", "AIR", null, null, null},
    };

    private final JdbcClient jdbc;

    EcologyDemoData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM eco_station").query(Integer.class).single() > 0) {
            return;
        }
        for (String[] s : STATIONS) {
            jdbc.sql("""
                    INSERT INTO eco_station (code, name, city_code, city_name, kind, water_body, water_name, target_class, note)
                    VALUES (:code, :name, :cityCode, :city, :kind, :body, :water, :target, '示例：站点编码与点位未与国控点位名录核对')""")
                    .param("code", s[0]).param("name", s[1]).param("cityCode", s[2]).param("city", s[3]).param("kind", s[4])
                    .param("body", s[5]).param("water", s[6]).param("target", s[7]).update();
        }
    }
}
