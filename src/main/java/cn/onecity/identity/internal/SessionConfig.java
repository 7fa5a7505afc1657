package cn.onecity.identity.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;

/**
 * Sessions in the database ({@code onecity.sessions=jdbc}): several instances behind a load balancer then share
 * signed-in users. The 30-minute idle timeout is the same as the embedded default's
 * ({@code server.servlet.session.timeout}); expired sessions are deleted by Spring Session's cleanup job, which is
 * a plain DELETE and safe on every instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "onecity.sessions", havingValue = "jdbc")
@EnableJdbcHttpSession(maxInactiveIntervalInSeconds = 30 * 60)
class SessionConfig {
}
