package cn.onecity.identity.internal;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in page session as soon as its account was disabled, deleted, given another role or
 * organisation, or had its password reset: the next request re-reads the account (one indexed query) and sends
 * the user to the login page. Works the same on one instance or many, with in-memory or database sessions.
 * HTTP Basic API calls need no such check: they authenticate on every request.
 */
class AccountStateFilter extends OncePerRequestFilter {

    private final AccountUserDetailsService accounts;

    AccountStateFilter(AccountUserDetailsService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/")
                || path.startsWith("/img/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p
                && !Objects.equals(p.stamp(), accounts.currentStamp(p.currentUser().accountId()))) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login?error=changed");
            return;
        }
        chain.doFilter(request, response);
    }
}
