/**
 * ecology (生态共治): the Spring-free assessment core: surface-water classes by GB 3838-2002
 * ({@link cn.onecity.ecology.WaterQuality}) and the air quality index by HJ 633-2012 and HJ 633—2026
 * ({@link cn.onecity.ecology.AirQualityIndex}); stations and the ingestion API ({@link cn.onecity.ecology.Readings}); joint
 * alerts to the three cities' 生态环境局 ({@link cn.onecity.ecology.Alerts}). CSV upload, reports, the 驾驶舱 block and the
 * projects module are still to come (issue 7).
 */
@org.springframework.modulith.ApplicationModule(displayName = "ecology")
package cn.onecity.ecology;
