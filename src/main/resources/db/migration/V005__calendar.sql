-- region: the working-day calendar. One row per special date: HOLIDAY (a day off in a State Council
-- arrangement) or WORKDAY (an adjusted working day, 调休上班, on a weekend). A year may be used for
-- time-limit counting only when it is listed in reg_calendar_year.
CREATE TABLE reg_calendar_year (
    calendar_year INT PRIMARY KEY,
    notice      VARCHAR(100) NOT NULL,
    loaded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE reg_calendar_day (
    the_date DATE PRIMARY KEY,
    kind    VARCHAR(10) NOT NULL,
    name    VARCHAR(20) NOT NULL
);

INSERT INTO reg_calendar_year (calendar_year, notice, loaded_at) VALUES
 (2024, '国办发明电〔2023〕7号', CURRENT_TIMESTAMP),
 (2025, '国办发明电〔2024〕12号', CURRENT_TIMESTAMP),
 (2026, '国办发明电〔2025〕7号', CURRENT_TIMESTAMP);

INSERT INTO reg_calendar_day (the_date, kind, name) VALUES
 -- 2024
 (DATE '2024-01-01', 'HOLIDAY', '元旦'),
 (DATE '2024-02-10', 'HOLIDAY', '春节'), (DATE '2024-02-11', 'HOLIDAY', '春节'), (DATE '2024-02-12', 'HOLIDAY', '春节'),
 (DATE '2024-02-13', 'HOLIDAY', '春节'), (DATE '2024-02-14', 'HOLIDAY', '春节'), (DATE '2024-02-15', 'HOLIDAY', '春节'),
 (DATE '2024-02-16', 'HOLIDAY', '春节'), (DATE '2024-02-17', 'HOLIDAY', '春节'),
 (DATE '2024-04-04', 'HOLIDAY', '清明节'), (DATE '2024-04-05', 'HOLIDAY', '清明节'), (DATE '2024-04-06', 'HOLIDAY', '清明节'),
 (DATE '2024-05-01', 'HOLIDAY', '劳动节'), (DATE '2024-05-02', 'HOLIDAY', '劳动节'), (DATE '2024-05-03', 'HOLIDAY', '劳动节'),
 (DATE '2024-05-04', 'HOLIDAY', '劳动节'), (DATE '2024-05-05', 'HOLIDAY', '劳动节'),
 (DATE '2024-06-10', 'HOLIDAY', '端午节'),
 (DATE '2024-09-15', 'HOLIDAY', '中秋节'), (DATE '2024-09-16', 'HOLIDAY', '中秋节'), (DATE '2024-09-17', 'HOLIDAY', '中秋节'),
 (DATE '2024-10-01', 'HOLIDAY', '国庆节'), (DATE '2024-10-02', 'HOLIDAY', '国庆节'), (DATE '2024-10-03', 'HOLIDAY', '国庆节'),
 (DATE '2024-10-04', 'HOLIDAY', '国庆节'), (DATE '2024-10-05', 'HOLIDAY', '国庆节'), (DATE '2024-10-06', 'HOLIDAY', '国庆节'),
 (DATE '2024-10-07', 'HOLIDAY', '国庆节'),
 (DATE '2024-02-04', 'WORKDAY', '春节调休'), (DATE '2024-02-18', 'WORKDAY', '春节调休'),
 (DATE '2024-04-07', 'WORKDAY', '清明节调休'), (DATE '2024-04-28', 'WORKDAY', '劳动节调休'),
 (DATE '2024-05-11', 'WORKDAY', '劳动节调休'), (DATE '2024-09-14', 'WORKDAY', '中秋节调休'),
 (DATE '2024-09-29', 'WORKDAY', '国庆节调休'), (DATE '2024-10-12', 'WORKDAY', '国庆节调休'),
 -- 2025
 (DATE '2025-01-01', 'HOLIDAY', '元旦'),
 (DATE '2025-01-28', 'HOLIDAY', '春节'), (DATE '2025-01-29', 'HOLIDAY', '春节'), (DATE '2025-01-30', 'HOLIDAY', '春节'),
 (DATE '2025-01-31', 'HOLIDAY', '春节'), (DATE '2025-02-01', 'HOLIDAY', '春节'), (DATE '2025-02-02', 'HOLIDAY', '春节'),
 (DATE '2025-02-03', 'HOLIDAY', '春节'), (DATE '2025-02-04', 'HOLIDAY', '春节'),
 (DATE '2025-04-04', 'HOLIDAY', '清明节'), (DATE '2025-04-05', 'HOLIDAY', '清明节'), (DATE '2025-04-06', 'HOLIDAY', '清明节'),
 (DATE '2025-05-01', 'HOLIDAY', '劳动节'), (DATE '2025-05-02', 'HOLIDAY', '劳动节'), (DATE '2025-05-03', 'HOLIDAY', '劳动节'),
 (DATE '2025-05-04', 'HOLIDAY', '劳动节'), (DATE '2025-05-05', 'HOLIDAY', '劳动节'),
 (DATE '2025-05-31', 'HOLIDAY', '端午节'), (DATE '2025-06-01', 'HOLIDAY', '端午节'), (DATE '2025-06-02', 'HOLIDAY', '端午节'),
 (DATE '2025-10-01', 'HOLIDAY', '国庆节、中秋节'), (DATE '2025-10-02', 'HOLIDAY', '国庆节、中秋节'),
 (DATE '2025-10-03', 'HOLIDAY', '国庆节、中秋节'), (DATE '2025-10-04', 'HOLIDAY', '国庆节、中秋节'),
 (DATE '2025-10-05', 'HOLIDAY', '国庆节、中秋节'), (DATE '2025-10-06', 'HOLIDAY', '国庆节、中秋节'),
 (DATE '2025-10-07', 'HOLIDAY', '国庆节、中秋节'), (DATE '2025-10-08', 'HOLIDAY', '国庆节、中秋节'),
 (DATE '2025-01-26', 'WORKDAY', '春节调休'), (DATE '2025-02-08', 'WORKDAY', '春节调休'),
 (DATE '2025-04-27', 'WORKDAY', '劳动节调休'), (DATE '2025-09-28', 'WORKDAY', '国庆节、中秋节调休'),
 (DATE '2025-10-11', 'WORKDAY', '国庆节、中秋节调休'),
 -- 2026
 (DATE '2026-01-01', 'HOLIDAY', '元旦'), (DATE '2026-01-02', 'HOLIDAY', '元旦'), (DATE '2026-01-03', 'HOLIDAY', '元旦'),
 (DATE '2026-02-15', 'HOLIDAY', '春节'), (DATE '2026-02-16', 'HOLIDAY', '春节'), (DATE '2026-02-17', 'HOLIDAY', '春节'),
 (DATE '2026-02-18', 'HOLIDAY', '春节'), (DATE '2026-02-19', 'HOLIDAY', '春节'), (DATE '2026-02-20', 'HOLIDAY', '春节'),
 (DATE '2026-02-21', 'HOLIDAY', '春节'), (DATE '2026-02-22', 'HOLIDAY', '春节'), (DATE '2026-02-23', 'HOLIDAY', '春节'),
 (DATE '2026-04-04', 'HOLIDAY', '清明节'), (DATE '2026-04-05', 'HOLIDAY', '清明节'), (DATE '2026-04-06', 'HOLIDAY', '清明节'),
 (DATE '2026-05-01', 'HOLIDAY', '劳动节'), (DATE '2026-05-02', 'HOLIDAY', '劳动节'), (DATE '2026-05-03', 'HOLIDAY', '劳动节'),
 (DATE '2026-05-04', 'HOLIDAY', '劳动节'), (DATE '2026-05-05', 'HOLIDAY', '劳动节'),
 (DATE '2026-06-19', 'HOLIDAY', '端午节'), (DATE '2026-06-20', 'HOLIDAY', '端午节'), (DATE '2026-06-21', 'HOLIDAY', '端午节'),
 (DATE '2026-09-25', 'HOLIDAY', '中秋节'), (DATE '2026-09-26', 'HOLIDAY', '中秋节'), (DATE '2026-09-27', 'HOLIDAY', '中秋节'),
 (DATE '2026-10-01', 'HOLIDAY', '国庆节'), (DATE '2026-10-02', 'HOLIDAY', '国庆节'), (DATE '2026-10-03', 'HOLIDAY', '国庆节'),
 (DATE '2026-10-04', 'HOLIDAY', '国庆节'), (DATE '2026-10-05', 'HOLIDAY', '国庆节'), (DATE '2026-10-06', 'HOLIDAY', '国庆节'),
 (DATE '2026-10-07', 'HOLIDAY', '国庆节'),
 (DATE '2026-01-04', 'WORKDAY', '元旦调休'), (DATE '2026-02-14', 'WORKDAY', '春节调休'),
 (DATE '2026-02-28', 'WORKDAY', '春节调休'), (DATE '2026-05-09', 'WORKDAY', '劳动节调休'),
 (DATE '2026-09-20', 'WORKDAY', '国庆节调休'), (DATE '2026-10-10', 'WORKDAY', '国庆节调休');
