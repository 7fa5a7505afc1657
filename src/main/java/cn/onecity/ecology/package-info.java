/**
 * ecology (生态共治): the Spring-free assessment core: surface-water classes by GB 3838-2002
 * ({@link cn.onecity.ecology.WaterQuality}) and the air quality index by HJ 633-2012 and HJ 633—2026
 * ({@link cn.onecity.ecology.AirQualityIndex}); stations and the ingestion API, JSON and CSV
 * ({@link cn.onecity.ecology.Readings}, {@link cn.onecity.ecology.ReadingsCsv}); each city's air quality from the mean
 * of its stations ({@link cn.onecity.ecology.CityAir}); joint alerts to the 生态环境局 of the three cities, and of
 * 萍乡 for air ({@link cn.onecity.ecology.Alerts}), linked to the 生态共治 cooperation items
 * ({@link cn.onecity.ecology.JointActions}); public reports and the 驾驶舱 figures
 * ({@link cn.onecity.ecology.EcologyReports}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "ecology")
package cn.onecity.ecology;
