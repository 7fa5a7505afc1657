-- identity: the organisations every installation has: the platform operator, the joint office, and one
-- organisation per city department (their staff accounts belong to it).
INSERT INTO idn_organisation (name, kind, city_code, department_code) VALUES
 ('一座城平台运维中心', 'PLATFORM', NULL, NULL),
 ('长株潭一体化发展事务中心', 'JOINT_OFFICE', NULL, NULL);

INSERT INTO idn_organisation (name, kind, city_code, department_code)
SELECT d.name, 'CITY_DEPARTMENT', d.city_code, d.code FROM reg_department d ORDER BY d.code;
