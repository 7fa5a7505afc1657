/**
 * dashboard (一体化驾驶舱): the public overview of the integration. It owns no business data: every figure is
 * computed live from other modules' published query APIs, as aggregates only (never personal data).
 * Each module's block is a record of {@link cn.onecity.dashboard.Dashboard}; later modules add theirs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "dashboard")
package cn.onecity.dashboard;
