package cn.onecity.healthcard;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import cn.onecity.shared.Times;

/**
 * The card lookup and the {@code hc_use} rows that online verification ({@link UseRecorder}) and offline reports
 * ({@link UseReports}) share; both run inside their caller's transaction.
 */
@Component
class UseRows {

    /** The card as a hospital sees it: masked. */
    record CardRow(String maskedName, String maskedIdNumber, String gender, LocalDate birthDate, String homeCityCode,
            Instant revokedAt) {

        /** Whether a code issued at {@code issuedAt} was issued at or before the card's last loss report. */
        boolean revokes(Instant issuedAt) {
            return revokedAt != null && !issuedAt.isAfter(revokedAt);
        }
    }

    /**
     * A use to insert. {@code reportedAt} is set for a use verified offline and reported afterwards, null for an online
     * verification.
     */
    record Row(String cardId, String keyId, Instant issuedAt, Hospital hospital, String purpose, String department,
            String verifiedBy, Instant usedAt, String homeCityCode, Instant reportedAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    UseRows(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** The cards with these ids that exist, by id, in one query. */
    Map<String, CardRow> cards(Collection<String> cardIds) {
        Map<String, CardRow> cards = new HashMap<>();
        if (cardIds.isEmpty()) {
            return cards;
        }
        jdbc.sql("""
                SELECT card_id, masked_name, masked_id_number, gender, birth_date, home_city_code, revoked_at FROM hc_card
                WHERE card_id IN (:c)""").param("c", cardIds)
                .query(rs -> {
                    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
                    cards.put(rs.getString("card_id"), new CardRow(rs.getString("masked_name"),
                            rs.getString("masked_id_number"), "M".equals(rs.getString("gender")) ? "男" : "女",
                            rs.getDate("birth_date").toLocalDate(), rs.getString("home_city_code"),
                            revoked == null ? null : revoked.toInstant()));
                });
        return cards;
    }

    /** Inserts the rows as one statement batch; returns their ids in order. */
    long[] insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return new long[0];
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbcTemplate.batchUpdate(con -> con.prepareStatement("""
                INSERT INTO hc_use (card_id, hospital_id, hospital_city_code, home_city_code, purpose, department, used_at,
                    verified_by, key_id, code_issued_at, reported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"}), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Row u = rows.get(i);
                ps.setString(1, u.cardId());
                ps.setLong(2, u.hospital().id());
                ps.setString(3, u.hospital().cityCode());
                ps.setString(4, u.homeCityCode());
                ps.setString(5, u.purpose());
                setNullable(ps, 6, u.department());
                ps.setObject(7, local(u.usedAt()));
                ps.setString(8, u.verifiedBy());
                ps.setString(9, u.keyId());
                ps.setObject(10, local(u.issuedAt()));
                if (u.reportedAt() == null) {
                    ps.setNull(11, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(11, local(u.reportedAt()));
                }
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        }, keys);
        List<Map<String, Object>> generated = keys.getKeyList();
        long[] ids = new long[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((Number) generated.get(i).get(generated.get(i).containsKey("id") ? "id" : "ID")).longValue();
        }
        return ids;
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    static OffsetDateTime local(Instant at) {
        return OffsetDateTime.ofInstant(at, Times.ZONE);
    }
}
