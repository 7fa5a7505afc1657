-- Uses verified offline at a hospital (the embedded OfflineVerifier) and reported afterwards in batches, so that the
-- holder sees them like the online ones. reported_at is when the platform received the report (NULL for an online
-- verification); report_key identifies the reported use (SHA-256 of payload, purpose and time of use), so that a
-- hospital that resends a batch after a lost answer does not record its uses twice.
ALTER TABLE hc_use ADD COLUMN reported_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hc_use ADD COLUMN report_key CHAR(64);
CREATE UNIQUE INDEX hc_use_report ON hc_use (hospital_id, report_key);
