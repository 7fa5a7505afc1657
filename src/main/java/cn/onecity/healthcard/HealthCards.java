package cn.onecity.healthcard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.healthcard.offline.HealthCodes;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.PersonalData;
import cn.onecity.identity.Role;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.IdNumbers;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.Times;

/**
 * Cards, as their holders use them: applying (one card per person and per account), today's dynamic code, reporting
 * a loss, the history of uses, and the versioned revocation list that hospitals poll.
 */
@Service
public class HealthCards {

    static final String NAME_PATTERN = "[\\p{IsHan}A-Za-z·•. ]{2,30}";

    private final JdbcClient jdbc;
    private final CardIds cardIds;
    private final SigningKeys keys;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final Region region;
    private final Clock clock;

    HealthCards(JdbcClient jdbc, CardIds cardIds, SigningKeys keys, PersonalData personalData, AuditLog audit,
            Region region, Clock clock) {
        this.jdbc = jdbc;
        this.cardIds = cardIds;
        this.keys = keys;
        this.personalData = personalData;
        this.audit = audit;
        this.region = region;
        this.clock = clock;
    }

    /** Issues the resident's card. Every rule is checked before anything is saved. */
    @Transactional
    public Card apply(CurrentUser user, NewCard application) {
        if (user == null || !user.is(Role.RESIDENT)) {
            throw new ForbiddenException("仅居民个人账号可以申领电子健康卡");
        }
        List<FieldMessage> errors = new ArrayList<>();
        String name = application.name() == null ? "" : application.name().strip();
        if (!name.matches(NAME_PATTERN)) {
            errors.add(new FieldMessage("name", name.isEmpty() ? "请填写姓名" : "姓名应为 2–30 个汉字或字母"));
        }
        String idNumber = IdNumbers.normalise(application.idNumber());
        IdNumbers.problem(idNumber, LocalDate.now(clock)).ifPresent(m -> errors.add(new FieldMessage("idNumber", m)));
        String phone = application.phone() == null ? "" : application.phone().strip();
        if (!phone.matches("1[3-9][0-9]{9}")) {
            errors.add(new FieldMessage("phone", "请填写 11 位手机号码"));
        }
        String home = application.homeCityCode() == null ? "" : application.homeCityCode().strip();
        if (region.findCity(home).isEmpty()) {
            errors.add(new FieldMessage("homeCityCode", "请选择居住地（长沙、株洲或湘潭）"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        if (cardOfAccount(user.accountId()).isPresent()) {
            throw new ConflictException("您已申领电子健康卡，请在“我的电子健康卡”查看和出示");
        }
        String cardId = cardIds.idOf(idNumber);
        if (exists(cardId)) {
            throw new ConflictException("该身份证号码已申领电子健康卡（卡号尾号 " + cardId.substring(56)
                    + "），一人只能有一张有效卡。请使用已有的卡；如非本人申领，请携带身份证到医院服务台或一体化办核实");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            jdbc.sql("""
                    INSERT INTO hc_card (card_id, account_id, name_enc, id_number_enc, phone_enc, masked_name,
                        masked_id_number, masked_phone, gender, birth_date, home_city_code, issued_at)
                    VALUES (:id, :account, :name, :idn, :phone, :mName, :mId, :mPhone, :gender, :birth, :home, :at)""")
                    .param("id", cardId).param("account", user.accountId())
                    .param("name", personalData.encrypt(name)).param("idn", personalData.encrypt(idNumber))
                    .param("phone", personalData.encrypt(phone)).param("mName", PersonalData.maskName(name))
                    .param("mId", PersonalData.maskIdNumber(idNumber)).param("mPhone", PersonalData.maskPhone(phone))
                    .param("gender", "男".equals(IdNumbers.gender(idNumber)) ? "M" : "F")
                    .param("birth", IdNumbers.birthDate(idNumber)).param("home", home).param("at", now)
                    .update();
        } catch (DuplicateKeyException e) { // the same person or account applying twice at the same moment
            throw new ConflictException("该身份证号码或账号已申领电子健康卡，请勿重复申领");
        }
        audit.record("healthcard", "申领电子健康卡", cardId, "居住地 " + region.cityShortName(home));
        return card(cardId).orElseThrow();
    }

    /** The signed-in resident's card. */
    public Optional<Card> myCard(CurrentUser user) {
        return user == null ? Optional.empty() : cardOfAccount(user.accountId());
    }

    /** A fresh dynamic code for the resident's own card. */
    public CardCode code(CurrentUser user) {
        Card card = myCard(user).orElseThrow(() -> new NotFoundException("您还没有电子健康卡，请先申领"));
        // a code issued in the second of a loss report would count as before it: issue it after
        Instant notBefore = card.revokedAt() == null ? null : card.revokedAt().toInstant().plusSeconds(1);
        String payload = keys.sign(card.cardId(), keys.codeValidity(), notBefore);
        HealthCodes.Body body = HealthCodes.parse(payload).orElseThrow().body();
        return new CardCode(payload, OffsetDateTime.ofInstant(body.issuedAt(), Times.ZONE),
                OffsetDateTime.ofInstant(body.expiresAt(), Times.ZONE));
    }

    /** The outcome of a loss report: the new revocation-list version and the instant codes stop counting. */
    public record LossReport(long version, OffsetDateTime revokedAt) {
    }

    /**
     * Reports the resident's card lost: every code issued up to now is refused (REVOKED) online at once and offline
     * once the hospital has fetched the new revocation-list version; codes issued afterwards work.
     */
    @Transactional
    public LossReport reportLoss(CurrentUser user) {
        Card card = myCard(user).orElseThrow(() -> new NotFoundException("您还没有电子健康卡"));
        OffsetDateTime at = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        long version = nextRevocationVersion();
        jdbc.sql("INSERT INTO hc_revocation (version, card_id, revoked_at, reason, reported_by) VALUES (:v, :c, :at, 'LOST', :by)")
                .param("v", version).param("c", card.cardId()).param("at", at).param("by", user.username()).update();
        jdbc.sql("UPDATE hc_card SET revoked_at = :at WHERE card_id = :c").param("at", at).param("c", card.cardId()).update();
        audit.record("healthcard", "挂失电子健康卡", card.cardId(), "吊销列表版本 " + version + "，此前签发的二维码失效");
        return new LossReport(version, at);
    }

    /** Takes the next version; the counter row stays locked until commit, so versions appear in order. */
    private long nextRevocationVersion() {
        jdbc.sql("UPDATE hc_revocation_counter SET version = version + 1 WHERE id = 1").update();
        return jdbc.sql("SELECT version FROM hc_revocation_counter WHERE id = 1").query(Long.class).single();
    }

    /** One entry of the revocation list. */
    public record RevocationEntry(long version, String cardId, OffsetDateTime revokedAt, String reason) {
    }

    /**
     * The entries after version {@code since}, oldest first, at most {@code limit}. {@code version} is the version the
     * client has reached after applying them (ask again with it while {@code more} is true); {@code latest} is the
     * newest version there is.
     */
    public record RevocationPage(long since, long version, long latest, boolean more, List<RevocationEntry> entries) {
    }

    public static final int REVOCATION_PAGE = 1000;

    public RevocationPage revocationsSince(long since, int limit) {
        if (since < 0) {
            throw BusinessException.invalid("since", "since 不能为负数");
        }
        int n = Math.max(1, Math.min(limit, REVOCATION_PAGE));
        long latest = jdbc.sql("SELECT version FROM hc_revocation_counter WHERE id = 1").query(Long.class).single();
        List<RevocationEntry> entries = jdbc.sql("""
                SELECT version, card_id, revoked_at, reason FROM hc_revocation WHERE version > :since
                ORDER BY version FETCH FIRST :n ROWS ONLY""")
                .param("since", since).param("n", n + 1)
                .query((rs, i) -> new RevocationEntry(rs.getLong("version"), rs.getString("card_id"),
                        local(rs.getObject("revoked_at", OffsetDateTime.class)), rs.getString("reason")))
                .list();
        boolean more = entries.size() > n;
        if (more) {
            entries = entries.subList(0, n);
        }
        // versions have no gaps and become visible in order (nextRevocationVersion), so the client resumes from the last one
        long version = entries.isEmpty() ? since : entries.get(entries.size() - 1).version();
        return new RevocationPage(since, version, latest, more, List.copyOf(entries));
    }

    /** The uses of the resident's card, newest first. */
    public PageResult<CardUse> uses(CurrentUser user, int page, int size) {
        Card card = myCard(user).orElseThrow(() -> new NotFoundException("您还没有电子健康卡"));
        long total = jdbc.sql("SELECT COUNT(*) FROM hc_use WHERE card_id = :c").param("c", card.cardId())
                .query(Long.class).single();
        List<CardUse> content = jdbc.sql("""
                SELECT u.id, u.used_at, h.name, u.hospital_city_code, u.purpose, u.department, u.reported_at FROM hc_use u
                JOIN hc_hospital h ON h.id = u.hospital_id WHERE u.card_id = :c
                ORDER BY u.used_at DESC, u.id DESC OFFSET :o ROWS FETCH NEXT :n ROWS ONLY""")
                .param("c", card.cardId()).param("o", (long) page * size).param("n", size)
                .query(this::use).list();
        return new PageResult<>(content, page, size, total);
    }

    /** Every use of the resident's card, newest first, for the export (audited). */
    @Transactional
    public List<CardUse> allUses(CurrentUser user) {
        Card card = myCard(user).orElseThrow(() -> new NotFoundException("您还没有电子健康卡"));
        List<CardUse> uses = jdbc.sql("""
                SELECT u.id, u.used_at, h.name, u.hospital_city_code, u.purpose, u.department, u.reported_at FROM hc_use u
                JOIN hc_hospital h ON h.id = u.hospital_id WHERE u.card_id = :c ORDER BY u.used_at DESC, u.id DESC""")
                .param("c", card.cardId()).query(this::use).list();
        audit.record("healthcard", "导出就医记录", card.cardId(), uses.size() + " 条");
        return uses;
    }

    private CardUse use(ResultSet rs, int i) throws SQLException {
        String city = rs.getString("hospital_city_code");
        return new CardUse(rs.getLong("id"), local(rs.getObject("used_at", OffsetDateTime.class)), rs.getString("name"), city,
                region.cityShortName(city), rs.getString("purpose"), rs.getString("department"),
                rs.getObject("reported_at", OffsetDateTime.class) != null);
    }

    private boolean exists(String cardId) {
        return jdbc.sql("SELECT COUNT(*) FROM hc_card WHERE card_id = :c").param("c", cardId).query(Integer.class).single() > 0;
    }

    private Optional<Card> cardOfAccount(long accountId) {
        return jdbc.sql("SELECT * FROM hc_card WHERE account_id = :a").param("a", accountId).query(this::cardRow).optional();
    }

    Optional<Card> card(String cardId) {
        return jdbc.sql("SELECT * FROM hc_card WHERE card_id = :c").param("c", cardId).query(this::cardRow).optional();
    }

    private Card cardRow(ResultSet rs, int i) throws SQLException {
        String home = rs.getString("home_city_code");
        return new Card(rs.getString("card_id"), rs.getString("masked_name"), rs.getString("masked_id_number"),
                rs.getString("masked_phone"), "M".equals(rs.getString("gender")) ? "男" : "女",
                rs.getDate("birth_date").toLocalDate(), home, region.cityShortName(home),
                local(rs.getObject("issued_at", OffsetDateTime.class)), local(rs.getObject("revoked_at", OffsetDateTime.class)));
    }

    /** Times as the platform shows them (+08:00), whatever zone the database returns. */
    static OffsetDateTime local(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(Times.ZONE).toOffsetDateTime();
    }
}
