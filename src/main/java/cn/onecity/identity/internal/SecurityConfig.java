package cn.onecity.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Two filter chains. {@code /api/**}: stateless HTTP Basic, no session and so no CSRF, and every refusal
 * answered as {@code application/problem+json} in Chinese. Pages: form login with CSRF, a 30-minute idle
 * session (server.servlet.session.timeout) and a Chinese login page. Roles are checked per controller
 * with {@code @PreAuthorize}; anything not listed as public here needs a signed-in user.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    /** Public pages and APIs; everything else needs a signed-in user. */
    static final String[] PUBLIC_PAGES = {"/", "/login", "/error", "/dashboard", "/dashboard/**", "/css/**", "/js/**",
            "/img/**", "/webjars/**", "/favicon.ico", "/actuator/health", "/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**",
            "/swagger-ui.html", "/docs/**"};
    static final String[] PUBLIC_API_GETS = {"/api/v1/calendar/**", "/api/v1/dashboard/**", "/api/v1/services/items",
            "/api/v1/services/items/*", "/api/v1/healthcard/trust-list",
            "/api/v1/healthcard/revocations", "/api/v1/healthcard/hospitals", "/api/v1/healthcard/statistics",
            "/api/v1/ecology/stations", "/api/v1/ecology/reports/*", "/api/v1/innovation/challenges",
            "/api/v1/innovation/challenges/*",
            "/api/v1/innovation/statistics/**"};
    /** Public read-only pages: the service catalogue (applying needs a signed-in user). */
    static final String[] PUBLIC_PAGE_GETS = {"/services", "/services/items/*", "/services/processes/*",
            "/healthcard/hospitals", "/ecology/reports", "/innovation/challenges", "/innovation/challenges/*"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return new VerifiedPasswordCache(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /**
     * No Spring Security observations: nothing here reads them, and wrapping every filter of every request in one cost
     * more CPU on the health-card verification path than the SM2 signature check (docs/benchmarks.md).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ApiAccountCache apiAccountCache(@Value("${onecity.security.api-account-cache:PT10S}") Duration ttl,
            ApplicationEventPublisher events) {
        return new ApiAccountCache(ttl, events);
    }

    /**
     * HTTP Basic for the API: the account of a client that calls often is kept briefly ({@link ApiAccountCache});
     * the same events as the form login (failed attempts, lockout, the login log) are published.
     */
    private static AuthenticationManager apiAuthentication(AccountUserDetailsService accounts, PasswordEncoder passwords,
            ApiAccountCache cache, AuthenticationEventPublisher events) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
        provider.setPasswordEncoder(passwords);
        provider.setUserCache(cache);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AccountUserDetailsService accounts, PasswordEncoder passwords,
            ApiAccountCache cache, AuthenticationEventPublisher events) throws Exception {
        http.securityMatcher("/api/**")
                .authenticationManager(apiAuthentication(accounts, passwords, cache, events))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, PUBLIC_API_GETS).permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.realmName("OneCity").authenticationEntryPoint(SecurityConfig::apiUnauthorized))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::apiUnauthorized)
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden", "无权访问：当前账户的角色或数据范围不允许此操作")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, AccountUserDetailsService accounts) throws Exception {
        http.addFilterAfter(new AccountStateFilter(accounts), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_PAGE_GETS).permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler((req, res, ex) -> {
                            req.getSession().setAttribute("LAST_USERNAME", req.getParameter("username"));
                            String reason = ex instanceof LockedException ? "locked"
                                    : ex instanceof DisabledException ? "disabled" : "bad";
                            res.sendRedirect(req.getContextPath() + "/login?error=" + reason);
                        })
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()));
        return http.build();
    }

    private static void apiUnauthorized(HttpServletRequest req, HttpServletResponse res, AuthenticationException ex)
            throws IOException {
        res.setHeader("WWW-Authenticate", "Basic realm=\"OneCity\", charset=\"UTF-8\"");
        String detail = ex instanceof LockedException ? "账户已锁定：连续 5 次登录失败，请 15 分钟后再试"
                : ex instanceof DisabledException ? "账户已停用，请联系管理员"
                : "需要登录：请用 HTTP Basic 提供正确的用户名和密码";
        problem(res, 401, "Unauthorized", detail);
    }

    static void problem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.setCharacterEncoding("UTF-8");
        String body = "{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + json(detail) + "\"}";
        res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
