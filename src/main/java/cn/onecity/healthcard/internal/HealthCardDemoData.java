package cn.onecity.healthcard.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.healthcard.CardIds;
import cn.onecity.healthcard.Hospital;
import cn.onecity.healthcard.Hospitals;
import cn.onecity.healthcard.NewHospital;
import cn.onecity.healthcard.SigningKeys;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.PersonalData;
import cn.onecity.identity.Role;
import cn.onecity.shared.IdNumbers;

/**
 * Demo data of the 电子健康卡, loaded once into an empty registry after identity's demo accounts:
 * <ul>
 * <li>well-known 二级以上公立医院 of the three cities, all connected (the seed: 三市所有二级以上公立医院实现一卡通);
 * grades and districts are from public knowledge, not checked against the health commissions' lists, and the ones
 * less certain say 示例 in their note; credit codes are not recorded;</li>
 * <li>staff accounts {@code zz-hospital} (株洲市中心医院) and {@code xt-hospital} (湘潭市中心医院) beside identity's
 * {@code hospital} (中南大学湘雅医院);</li>
 * <li>cards of 示例 holders (named 某示例, test ID numbers, remark 示例) with uses over the last 60 days, so that the
 * statistics and the 3×3 matrix have something to count; about one in eight of them was verified offline and reported
 * afterwards. The demo {@code resident} has no card: applying is the demo.</li>
 * </ul>
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class HealthCardDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HealthCardDemoData.class);
    static final String PASSWORD = "onecity2026";
    static final String DEMO = "示例";

    /** name, grade, district, note. */
    static final String[][] HOSPITALS = {
            {"中南大学湘雅医院", "三级甲等", "430105", null},
            {"中南大学湘雅二医院", "三级甲等", "430102", null},
            {"中南大学湘雅三医院", "三级甲等", "430104", null},
            {"湖南省人民医院", "三级甲等", "430102", null},
            {"长沙市中心医院", "三级甲等", "430111", null},
            {"湖南省肿瘤医院", "三级甲等", "430104", null},
            {"湖南省儿童医院", "三级甲等", "430111", null},
            {"长沙市第一医院", "三级甲等", "430105", null},
            {"长沙县人民医院", "三级", "430121", "示例：等级未与卫生健康委名录核对"},
            {"株洲市中心医院", "三级甲等", "430211", null},
            {"株洲市人民医院", "三级", "430202", "示例：等级未与卫生健康委名录核对"},
            {"醴陵市中医院", "二级甲等", "430281", "示例：名称与等级未核对"},
            {"湘潭市中心医院", "三级甲等", "430304", null},
            {"湘潭市第一人民医院", "三级甲等", "430302", null},
            {"湘潭县人民医院", "三级", "430321", "示例：等级未与卫生健康委名录核对"},
            {"湘乡市人民医院", "二级甲等", "430381", "示例：等级未与卫生健康委名录核对"},
    };

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
    private static final String[] DEPARTMENTS = {"心血管内科", "消化内科", "骨科", "儿科", "妇产科", "眼科", "内分泌科", "呼吸内科", "检验科", "药剂科"};

    private final JdbcClient jdbc;
    private final Hospitals hospitals;
    private final Accounts accounts;
    private final CardIds cardIds;
    private final SigningKeys keys;
    private final PersonalData personalData;
    private final Clock clock;

    HealthCardDemoData(JdbcClient jdbc, Hospitals hospitals, Accounts accounts, CardIds cardIds, SigningKeys keys,
            PersonalData personalData, Clock clock) {
        this.jdbc = jdbc;
        this.hospitals = hospitals;
        this.accounts = accounts;
        this.cardIds = cardIds;
        this.keys = keys;
        this.personalData = personalData;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM hc_hospital").query(Integer.class).single() > 0) {
            return;
        }
        CurrentUser system = new CurrentUser(0, "system", "演示数据", Role.ADMIN, 0, "一座城平台运维中心", null, null);
        List<Hospital> registered = new ArrayList<>();
        for (String[] h : HOSPITALS) {
            Hospital saved = hospitals.register(system, new NewHospital(h[0], h[1], h[2], null, h[3]));
            registered.add(hospitals.connect(system, saved.id()));
        }
        staff("zz-hospital", "株洲市中心医院门诊部（示例人员）", "株洲市中心医院", registered);
        staff("xt-hospital", "湘潭市中心医院门诊部（示例人员）", "湘潭市中心医院", registered);
        int uses = cardsAndUses(registered);
        log.info("health card demo data: {} hospitals, {} 示例 uses", registered.size(), uses);
    }

    private void staff(String username, String displayName, String hospital, List<Hospital> registered) {
        Hospital h = registered.stream().filter(x -> x.name().equals(hospital)).findFirst().orElseThrow();
        if (accounts.findByUsername(username).isEmpty()) {
            accounts.createAccount(new NewAccount(username, displayName, PASSWORD, Role.HOSPITAL_STAFF, h.organisationId(), null));
        }
    }

    /** 示例 holders in each city and their uses: mostly at home, with the flows to 长沙's big hospitals one expects. */
    private int cardsAndUses(List<Hospital> registered) {
        Random random = new Random(20261201L);
        String[] homes = {"430100", "430200", "430300"};
        String[][] districts = {{"430102", "430104", "430105", "430111"}, {"430202", "430203", "430211"}, {"430302", "430304"}};
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        String keyId = keys.currentKeyId();
        Random offline = new Random(8L); // its own draws, so the other demo figures do not depend on it
        int count = 0;
        for (int i = 0; i < 36; i++) {
            int city = i % 3;
            LocalDate birth = LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String body = districts[city][random.nextInt(districts[city].length)]
                    + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", 100 + i);
            String idNumber = body + IdNumbers.checkCharacter(body);
            String name = SURNAMES[i % SURNAMES.length] + "示例";
            String phone = "1390000" + String.format("%04d", 1000 + i);
            String cardId = cardIds.idOf(idNumber);
            jdbc.sql("""
                    INSERT INTO hc_card (card_id, name_enc, id_number_enc, phone_enc, masked_name, masked_id_number,
                        masked_phone, gender, birth_date, home_city_code, issued_at, remark)
                    VALUES (:id, :n, :idn, :p, :mn, :mi, :mp, :g, :b, :home, :at, :remark)""")
                    .param("id", cardId).param("n", personalData.encrypt(name)).param("idn", personalData.encrypt(idNumber))
                    .param("p", personalData.encrypt(phone)).param("mn", PersonalData.maskName(name))
                    .param("mi", PersonalData.maskIdNumber(idNumber)).param("mp", PersonalData.maskPhone(phone))
                    .param("g", "男".equals(IdNumbers.gender(idNumber)) ? "M" : "F").param("b", birth)
                    .param("home", homes[city]).param("at", now.minusDays(90 + random.nextInt(200)))
                    .param("remark", DEMO + "：线下渠道申领").update();
            int n = 2 + random.nextInt(5);
            for (int k = 0; k < n; k++) {
                Hospital at = pick(registered, homes[city], random);
                OffsetDateTime usedAt = now.minusDays(random.nextInt(60)).withHour(8 + random.nextInt(9)).withMinute(random.nextInt(60));
                String purpose = cn.onecity.healthcard.Verifications.PURPOSES.get(random.nextInt(5));
                // about one use in eight was verified offline and reported a few hours later
                OffsetDateTime reportedAt = offline.nextInt(8) == 0 ? usedAt.plusHours(1 + offline.nextInt(6)) : null;
                jdbc.sql("""
                        INSERT INTO hc_use (card_id, hospital_id, hospital_city_code, home_city_code, purpose, department,
                            used_at, verified_by, key_id, code_issued_at, reported_at, remark)
                        VALUES (:c, :h, :hc, :home, :p, :d, :at, :by, :k, :issued, :reported, :remark)""")
                        .param("c", cardId).param("h", at.id()).param("hc", at.cityCode()).param("home", homes[city])
                        .param("p", purpose).param("d", DEPARTMENTS[random.nextInt(DEPARTMENTS.length)])
                        .param("at", usedAt).param("by", DEMO).param("k", keyId).param("issued", usedAt.minusMinutes(1))
                        .param("reported", reportedAt).param("remark", DEMO).update();
                count++;
            }
        }
        return count;
    }

    /** 70 % at home, otherwise a hospital elsewhere (长沙's provincial hospitals draw most). */
    private static Hospital pick(List<Hospital> all, String home, Random random) {
        boolean away = random.nextInt(10) >= 7;
        List<Hospital> pool = all.stream().filter(h -> away != h.cityCode().equals(home)).toList();
        if (away && !"430100".equals(home) && random.nextInt(3) > 0) {
            pool = pool.stream().filter(h -> h.cityCode().equals("430100")).toList();
        }
        return pool.get(random.nextInt(pool.size()));
    }
}
