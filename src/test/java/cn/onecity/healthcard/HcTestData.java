package cn.onecity.healthcard;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.shared.IdNumbers;

/**
 * Test data of the health card: fresh ID numbers (the test database may be shared, and one person has one card),
 * connected hospitals with unique names, and staff and resident accounts.
 */
public final class HcTestData {

    public static final String PASSWORD = TestAccounts.PASSWORD;

    private final Accounts accounts;
    private final Hospitals hospitals;
    private final CurrentUser admin;

    public HcTestData(Accounts accounts, Hospitals hospitals) {
        this.accounts = accounts;
        this.hospitals = hospitals;
        this.admin = user(TestAccounts.create(accounts, Role.ADMIN));
    }

    /** A valid GB 11643 number from 湘潭市雨湖区 with a random birth date and sequence. */
    public static String idNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(365 * 55));
        String body = "430302" + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", r.nextInt(1000));
        return body + IdNumbers.checkCharacter(body);
    }

    /** A valid, random 统一社会信用代码 (GB 32100) of a 湖南 public institution (事业单位, 12). */
    public static String creditCode() {
        String chars = cn.onecity.shared.CreditCodes.CHARSET;
        StringBuilder body = new StringBuilder("12430000");
        for (int i = 0; i < 9; i++) {
            body.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return body.toString() + cn.onecity.shared.CreditCodes.checkCharacter(body.toString());
    }

    public static String uniqueName(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
    }

    public CurrentUser admin() {
        return admin;
    }

    /** A connected 三级甲等 hospital in the district's city, with a unique name. */
    public Hospital hospital(String districtCode) {
        Hospital h = hospitals.register(admin, new NewHospital(uniqueName("测试医院"), "三级甲等", districtCode, null, null));
        return hospitals.connect(admin, h.id());
    }

    /** A HOSPITAL_STAFF account of the hospital; returns its username (password {@link #PASSWORD}). */
    public String staff(Hospital hospital) {
        String username = TestAccounts.uniqueUsername(Role.HOSPITAL_STAFF);
        accounts.createAccount(new NewAccount(username, "测试挂号员", PASSWORD, Role.HOSPITAL_STAFF, hospital.organisationId(), null));
        return username;
    }

    /** A fresh RESIDENT account; returns its username. */
    public String resident() {
        return TestAccounts.create(accounts, Role.RESIDENT);
    }

    public CurrentUser user(String username) {
        return accounts.findByUsername(username).orElseThrow();
    }
}
