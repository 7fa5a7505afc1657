/**
 * services (跨市通办): the 长株潭服务专区. A catalogue of service items that residents and enterprises can
 * apply for in any of the three cities; applications are routed to the competent department and handled in
 * Flowable BPMN processes (one per {@link cn.onecity.services.Mode}) on the working-day clock, with 补正 that
 * stops the clock, escalation of overdue cases, and 好差评 with rectification.
 */
@org.springframework.modulith.ApplicationModule(displayName = "services")
package cn.onecity.services;
