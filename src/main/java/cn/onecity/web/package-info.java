/**
 * web: the shared page layout and navigation per role, the home page, error pages, and the translation of
 * exceptions into Chinese error pages and RFC 9457 problem details for {@code /api/**}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "web")
package cn.onecity.web;
