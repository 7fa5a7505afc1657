-- Uses verified offline at a hospital (the embedded OfflineVerifier) and reported afterwards in batches, so that the
-- holder sees them like the online ones. reported_at is when the platform received the report (NULL for an online
-- verification).
ALTER TABLE hc_use ADD COLUMN reported_at TIMESTAMP WITH TIME ZONE;

-- What the hospitals have reported: the key identifies a reported use (SHA-256 of the hospital, the code, the purpose
-- and the second of use), so that a hospital that resends a batch after a lost answer does not record its uses twice.
-- The key alone is the primary key, so that a lookup of a batch's keys can only be a lookup by key (a key on
-- (hospital, key) let PostgreSQL's generic plan scan all of a hospital's reports, filtering by key). A table of its
-- own, so that the online verifications' inserts into hc_use maintain no index for it.
CREATE TABLE hc_use_report (
    report_key  CHAR(64) PRIMARY KEY,
    hospital_id BIGINT   NOT NULL REFERENCES hc_hospital (id),
    use_id      BIGINT   NOT NULL REFERENCES hc_use (id)
);
