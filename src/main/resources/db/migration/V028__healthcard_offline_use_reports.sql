-- Uses verified offline at a hospital (the embedded OfflineVerifier) and reported afterwards in batches, so that the
-- holder sees them like the online ones. reported_at is when the platform received the report (NULL for an online
-- verification).
ALTER TABLE hc_use ADD COLUMN reported_at TIMESTAMP WITH TIME ZONE;

-- What each hospital has reported: the key identifies a reported use (SHA-256 of the code, the purpose and the second
-- of use), so that a hospital that resends a batch after a lost answer does not record its uses twice. A table of its
-- own, so that the online verifications' inserts into hc_use maintain no index for it.
CREATE TABLE hc_use_report (
    hospital_id BIGINT   NOT NULL REFERENCES hc_hospital (id),
    report_key  CHAR(64) NOT NULL,
    use_id      BIGINT   NOT NULL REFERENCES hc_use (id),
    PRIMARY KEY (hospital_id, report_key)
);
