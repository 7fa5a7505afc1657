/**
 * cooperation (协同督办): joint meetings set action plans of cooperation items in five areas; lead and
 * co-responsible city departments report progress; the joint office accepts or returns reports, sees
 * warnings and publishes progress reports computed from live data. Status, lights and progress are
 * derived as of a date ({@link cn.onecity.cooperation.StatusRules}), never typed in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "cooperation")
package cn.onecity.cooperation;
