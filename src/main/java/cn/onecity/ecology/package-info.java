/**
 * ecology (生态共治): so far the assessment core, Spring-free: surface-water classes by GB 3838-2002
 * ({@link cn.onecity.ecology.WaterQuality}) and the air quality index by HJ 633-2012 and HJ 633—2026
 * ({@link cn.onecity.ecology.AirQualityIndex}). Stations, ingestion, alerts and pages are still to come (issue 7).
 */
@org.springframework.modulith.ApplicationModule(displayName = "ecology")
package cn.onecity.ecology;
