package cn.onecity.ecology;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Organisation;
import cn.onecity.identity.Role;
import cn.onecity.notification.Notifications;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.Times;

/**
 * Joint alerts (联防联控): raised when a section is worse than its target class, or a city's AQI (the mean of its
 * stations, {@link CityAir}) reaches {@code onecity.ecology.alert-aqi} (201, 重度污染, by default). Every city's
 * 生态环境局 gets an in-app message, and for air also the partner cities' (萍乡, 长株潭萍); each acknowledges with a
 * response. At most one open alert per section (water) or city (air) and cause: later readings that still show the
 * cause are folded into it, and the first later reading that no longer does closes it.
 */
@Service
public class Alerts {

    public static final String WATER = "WATER_TARGET";
    public static final String AIR = "AIR_AQI";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;
    private final Region region;
    private final int aqiLevel;

    Alerts(JdbcClient jdbc, Accounts accounts, Notifications notifications, AuditLog audit, Clock clock, Region region,
            @Value("${onecity.ecology.alert-aqi:201}") int aqiLevel) {
        this.region = region;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.aqiLevel = aqiLevel;
    }

    public int aqiLevel() {
        return aqiLevel;
    }

    /** An alert with the acknowledgements of the cities' bureaus. */
    public record Alert(long id, String stationCode, String stationName, String city, String cause, String causeLabel,
            OffsetDateTime raisedAt, OffsetDateTime measuredAt, OffsetDateTime lastSeenAt, int repeats, String detail,
            String status, OffsetDateTime closedAt, String closedReason, List<Ack> acks) {

        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    /** One bureau's acknowledgement (null fields while it has not acknowledged). */
    public record Ack(long organisationId, String organisation, String acknowledgedBy, OffsetDateTime acknowledgedAt,
            String response) {

        public boolean done() {
            return acknowledgedAt != null;
        }
    }

    /**
     * One writer per section at a time, until the transaction ends, so two readings cannot open two alerts. Take it
     * before writing the section's reading: writing one takes a key-share lock on the station (PostgreSQL's
     * foreign-key check), and two writers each holding one and waiting for the other's update lock would deadlock.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    void lockSection(Station station) {
        jdbc.sql("SELECT code FROM eco_station WHERE code = :c FOR UPDATE").param("c", station.code()).query(String.class).single();
    }

    /**
     * After a water reading (the caller holds the section's {@link #lockSection lock}): raises or folds the section's
     * alert when {@code showsCause}, else closes the open one. Returns the alert id.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    Optional<Long> record(Station station, String cause, boolean showsCause, OffsetDateTime measuredAt, String detail) {
        return record(station.cityCode(), station.code(), cause, showsCause, measuredAt, detail,
                station.city() + " " + station.name() + "：" + label(cause));
    }

    /**
     * After a city's air quality was recomputed (the caller holds the city's lock, see {@link CityAir}): raises or
     * folds the city's AQI alert when the AQI reached the alert level, else closes the open one.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    Optional<Long> recordCity(String cityCode, String cityName, boolean showsCause, OffsetDateTime measuredAt, String detail) {
        return record(cityCode, null, AIR, showsCause, measuredAt, detail, cityName + " 城市环境空气质量：" + label(AIR));
    }

    private Optional<Long> record(String cityCode, String stationCode, String cause, boolean showsCause,
            OffsetDateTime measuredAt, String detail, String subject) {
        // a water alert belongs to its section, an air alert to its city (no station)
        Optional<Long> open = (stationCode == null
                ? jdbc.sql("SELECT id FROM eco_alert WHERE city_code = :city AND cause = :c AND status = 'OPEN' AND station_code IS NULL")
                : jdbc.sql("SELECT id FROM eco_alert WHERE city_code = :city AND cause = :c AND status = 'OPEN' AND station_code = :s")
                        .param("s", stationCode))
                .param("city", cityCode).param("c", cause).query(Long.class).optional();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!showsCause) {
            // only a reading later than the last one that showed the cause closes the alert (not a late backfill)
            open.ifPresent(id -> jdbc.sql("""
                    UPDATE eco_alert SET status = 'CLOSED', closed_at = :now, closed_reason = :r
                    WHERE id = :id AND last_seen_at < :t""")
                    .param("now", now).param("r", "后续监测（" + Times.format(measuredAt) + "）已恢复正常").param("id", id)
                    .param("t", measuredAt).update());
            return Optional.empty();
        }
        if (open.isPresent()) {
            jdbc.sql("""
                    UPDATE eco_alert SET repeats = repeats + 1,
                        last_seen_at = CASE WHEN last_seen_at < :t THEN :t ELSE last_seen_at END WHERE id = :id""")
                    .param("t", measuredAt).param("id", open.get()).update();
            return open;
        }
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO eco_alert (city_code, station_code, cause, raised_at, measured_at, last_seen_at, detail, status)
                VALUES (:city, :s, :c, :now, :t, :t, :d, 'OPEN')""")
                .param("city", cityCode).param("s", stationCode).param("c", cause).param("now", now).param("t", measuredAt)
                .param("d", detail).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (Organisation bureau : bureaus(cause)) {
            notifications.sendToOrganisation(bureau.id(), "生态共治", "【联防联控预警】" + subject, detail + "。请确认并反馈处置措施。",
                    "/ecology/alerts/" + id);
        }
        audit.record("ecology", "发出联防联控预警", stationCode == null ? cityCode : stationCode, detail);
        return Optional.of(id);
    }

    static String label(String cause) {
        return WATER.equals(cause) ? "水质未达目标" : "空气质量达到预警级别";
    }

    /** The 生态环境局 organisations an alert goes to: the three cities', and for air the partner cities' (萍乡). */
    List<Organisation> bureaus(String cause) {
        List<cn.onecity.region.City> cities = new ArrayList<>(region.cities());
        if (AIR.equals(cause)) {
            cities.addAll(region.partnerCities());
        }
        List<Organisation> out = new ArrayList<>();
        for (cn.onecity.region.City city : cities) {
            accounts.organisationOfDepartment(city.code() + "-STHJJ").ifPresent(out::add);
        }
        return out;
    }

    public static boolean canSee(CurrentUser user) {
        return user != null && (user.isAny(Role.JOINT_OFFICE, Role.ADMIN)
                || (user.is(Role.CITY_STAFF) && "STHJJ".equals(user.departmentKind())));
    }

    /** Open alerts first, then the latest closed ones. */
    public List<Alert> list(CurrentUser user, boolean includeClosed) {
        requireSee(user);
        List<Long> ids = jdbc.sql("SELECT id FROM eco_alert " + (includeClosed ? "" : "WHERE status = 'OPEN' ")
                + "ORDER BY CASE WHEN status = 'OPEN' THEN 0 ELSE 1 END, raised_at DESC, id DESC FETCH FIRST 200 ROWS ONLY")
                .query(Long.class).list();
        List<Alert> out = new ArrayList<>();
        for (long id : ids) {
            out.add(load(id));
        }
        return out;
    }

    public Alert get(CurrentUser user, long id) {
        requireSee(user);
        return load(id);
    }

    /** The user's bureau acknowledges the alert, with its response (measures taken); again updates the response. */
    @Transactional
    public Alert acknowledge(CurrentUser user, long id, String response) {
        if (user == null || !user.is(Role.CITY_STAFF) || !"STHJJ".equals(user.departmentKind())) {
            throw new ForbiddenException("仅各市生态环境局工作人员可以确认联防联控预警");
        }
        Alert alert = load(id);
        if (alert.acks().stream().noneMatch(a -> a.organisationId() == user.organisationId())) {
            throw new ForbiddenException("该预警未发送给" + user.organisationName() + "，无需确认");
        }
        String text = response == null ? "" : response.strip();
        if (text.isEmpty()) {
            throw BusinessException.invalid("response", "请填写反馈：已采取或将采取的措施");
        }
        if (text.length() > 1000) {
            throw BusinessException.invalid("response", "反馈不超过 1000 字");
        }
        int updated = jdbc.sql("""
                UPDATE eco_alert_ack SET acknowledged_by = :by, acknowledged_at = :at, response = :r
                WHERE alert_id = :id AND organisation_id = :org""")
                .param("by", user.username()).param("at", OffsetDateTime.now(clock)).param("r", text).param("id", id)
                .param("org", user.organisationId()).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO eco_alert_ack (alert_id, organisation_id, acknowledged_by, acknowledged_at, response)
                    VALUES (:id, :org, :by, :at, :r)""")
                    .param("id", id).param("org", user.organisationId()).param("by", user.username())
                    .param("at", OffsetDateTime.now(clock)).param("r", text).update();
        }
        audit.record("ecology", "确认联防联控预警", String.valueOf(id), user.organisationName() + "：" + text);
        return load(alert.id());
    }

    private void requireSee(CurrentUser user) {
        if (!canSee(user)) {
            throw new ForbiddenException("仅生态环境部门和一体化办可以查看联防联控预警");
        }
    }

    private Alert load(long id) {
        Map<String, Object> row = jdbc.sql("""
                SELECT a.id, a.station_code, s.name, a.cause, a.raised_at, a.measured_at, a.last_seen_at,
                       a.repeats, a.detail, a.status, a.closed_at, a.closed_reason, a.city_code
                FROM eco_alert a LEFT JOIN eco_station s ON s.code = a.station_code WHERE a.id = :id""")
                .param("id", id).query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("station", rs.getString("station_code"));
                    m.put("name", rs.getString("name") == null ? "城市环境空气质量" : rs.getString("name"));
                    m.put("city", cityName(rs.getString("city_code")));
                    m.put("cause", rs.getString("cause"));
                    m.put("raised", local(rs.getObject("raised_at", OffsetDateTime.class)));
                    m.put("measured", local(rs.getObject("measured_at", OffsetDateTime.class)));
                    m.put("last", local(rs.getObject("last_seen_at", OffsetDateTime.class)));
                    m.put("repeats", rs.getInt("repeats"));
                    m.put("detail", rs.getString("detail"));
                    m.put("status", rs.getString("status"));
                    m.put("closed", local(rs.getObject("closed_at", OffsetDateTime.class)));
                    m.put("closedReason", rs.getString("closed_reason"));
                    return m;
                }).optional().orElseThrow(() -> new NotFoundException("预警不存在"));
        Map<Long, Ack> acks = new LinkedHashMap<>();
        for (Organisation b : bureaus((String) row.get("cause"))) {
            acks.put(b.id(), new Ack(b.id(), b.name(), null, null, null));
        }
        jdbc.sql("SELECT organisation_id, acknowledged_by, acknowledged_at, response FROM eco_alert_ack WHERE alert_id = :id")
                .param("id", id).query((rs, i) -> {
                    long org = rs.getLong("organisation_id");
                    Ack existing = acks.get(org);
                    acks.put(org, new Ack(org, existing == null ? accounts.organisation(org).name() : existing.organisation(),
                            rs.getString("acknowledged_by"), local(rs.getObject("acknowledged_at", OffsetDateTime.class)),
                            rs.getString("response")));
                    return null;
                }).list();
        String cause = (String) row.get("cause");
        return new Alert(id, (String) row.get("station"), (String) row.get("name"), (String) row.get("city"), cause,
                label(cause), (OffsetDateTime) row.get("raised"),
                (OffsetDateTime) row.get("measured"), (OffsetDateTime) row.get("last"), (Integer) row.get("repeats"),
                (String) row.get("detail"), (String) row.get("status"), (OffsetDateTime) row.get("closed"),
                (String) row.get("closedReason"), List.copyOf(acks.values()));
    }

    /** 长沙 for 430100, also for partner cities (萍乡). */
    String cityName(String code) {
        return region.findAnyCity(code).map(cn.onecity.region.City::shortName).orElse(code);
    }

    private static OffsetDateTime local(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(Times.ZONE).toOffsetDateTime();
    }
}
