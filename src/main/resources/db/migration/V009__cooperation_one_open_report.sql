-- cooperation: at most one report waiting for review per item and department, enforced by the database so
-- that two simultaneous submissions cannot both pass the service's check. open_slot is 1 while a report is
-- SUBMITTED and NULL once it is reviewed; NULLs never collide in a unique constraint (H2 and PostgreSQL).
ALTER TABLE coop_report ADD COLUMN open_slot SMALLINT;
UPDATE coop_report SET open_slot = 1 WHERE status = 'SUBMITTED';
ALTER TABLE coop_report ADD CONSTRAINT coop_report_one_open UNIQUE (item_id, department_code, open_slot);
