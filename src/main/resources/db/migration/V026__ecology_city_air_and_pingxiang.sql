-- 长株潭萍 air cooperation: 萍乡 (Jiangxi) is a partner city for air, not one of the three member cities. It gets a
-- city row (flagged as a partner, so the member-city lists stay 长沙/株洲/湘潭), its 生态环境局, and that
-- bureau's organisation, so its staff receive air alerts and report the 萍乡 stations.
ALTER TABLE reg_city ADD COLUMN member BOOLEAN DEFAULT TRUE NOT NULL;
INSERT INTO reg_city (code, name, short_name, sort_order, member) VALUES ('360300', '萍乡市', '萍乡', 9, FALSE);
INSERT INTO reg_department (code, city_code, kind, name) VALUES ('360300-STHJJ', '360300', 'STHJJ', '萍乡市生态环境局');
INSERT INTO idn_organisation (name, kind, city_code, department_code)
VALUES ('萍乡市生态环境局', 'CITY_DEPARTMENT', '360300', '360300-STHJJ');

-- A city's air quality for one report (daily, hourly) and time: the arithmetic mean of its stations' concentrations
-- (HJ 663), assessed with the edition of the date. Recomputed whenever one of its stations reports for that time.
CREATE TABLE eco_city_air (
    city_code    CHAR(6)      NOT NULL,
    report       VARCHAR(6)   NOT NULL CHECK (report IN ('DAILY', 'HOURLY')),
    measured_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    stations     INT          NOT NULL,
    concentrations VARCHAR(1000) NOT NULL,       -- JSON, the means by key
    edition      VARCHAR(20)  NOT NULL,
    aqi          INT,
    pm25         NUMERIC(8, 1),                  -- mean PM2.5 of the report (24 h or 1 h), µg/m³
    assessment   VARCHAR(2000) NOT NULL,
    PRIMARY KEY (city_code, report, measured_at)
);

-- Air alerts are per city (a city's AQI reaching the alert level), water alerts per section: an alert names its
-- city always and its station for water.
ALTER TABLE eco_alert ADD COLUMN city_code CHAR(6);
UPDATE eco_alert SET city_code = (SELECT s.city_code FROM eco_station s WHERE s.code = eco_alert.station_code);
ALTER TABLE eco_alert ALTER COLUMN city_code SET NOT NULL;
ALTER TABLE eco_alert ALTER COLUMN station_code DROP NOT NULL;
CREATE INDEX eco_alert_city ON eco_alert (city_code, cause, status);
