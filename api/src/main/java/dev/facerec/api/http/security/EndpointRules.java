package dev.facerec.api.http.security;

import static org.springframework.http.HttpMethod.GET;

import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Policies;
import dev.facerec.core.account.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: the URL rules of the security chain, built at start-up from each handler's {@link Access}, so
 * that a caller is refused (401, 403) before its body is read. Anything without a rule needs ADMIN, so an endpoint
 * added without {@code @Access} is closed rather than open; {@code SecurityEndToEndIT} walks the application's own
 * mappings and fails on any endpoint that does not declare its access.
 *
 * <p>Besides the handlers: the error page, and on the management port only the actuator's health, info and
 * Prometheus endpoints, are open to anyone.
 */
final class EndpointRules {
    private EndpointRules() {}

    static void apply(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules,
            boolean openSignUp,
            RequestMatcher managementPort,
            RequestMappingHandlerMapping mappings) {
        rules.requestMatchers("/error")
                .permitAll()
                .requestMatchers(new AndRequestMatcher(
                        managementPort,
                        new OrRequestMatcher(
                                PathPatternRequestMatcher.pathPattern(GET, "/actuator/health"),
                                PathPatternRequestMatcher.pathPattern(GET, "/actuator/health/**"),
                                PathPatternRequestMatcher.pathPattern(GET, "/actuator/info"),
                                PathPatternRequestMatcher.pathPattern(GET, "/actuator/prometheus"))))
                .permitAll();
        for (Rule rule : rules(mappings.getHandlerMethods())) {
            var url = rule.method() == null
                    ? rules.requestMatchers(rule.pattern().getPatternString())
                    : rules.requestMatchers(rule.method(), rule.pattern().getPatternString());
            switch (rule.level()) {
                case PUBLIC -> url.permitAll();
                case SIGNED_IN -> url.authenticated();
                case VIEWER -> url.hasRole(Role.VIEWER.name());
                case OPERATOR -> url.hasRole(Role.OPERATOR.name());
                case ADMIN -> url.hasRole(Role.ADMIN.name());
                case ADMIN_UNLESS_OPEN_SIGN_UP -> {
                    if (openSignUp) {
                        url.permitAll();
                    } else {
                        url.hasRole(Role.ADMIN.name());
                    }
                }
            }
        }
        rules.anyRequest().hasRole(Role.ADMIN.name());
    }

    /** One rule per route and method of each handler with {@code @Access}. */
    record Rule(HttpMethod method, PathPattern pattern, Access.Level level) {}

    /**
     * The rules, most specific pattern first (as Spring MVC prefers it), so that a broader route's rule never
     * shadows a narrower one's.
     */
    static List<Rule> rules(Map<RequestMappingInfo, HandlerMethod> handlers) {
        var parser = PathPatternParser.defaultInstance;
        List<Rule> rules = new ArrayList<>();
        handlers.forEach((info, handler) -> Policies.find(handler, Access.class).ifPresent(access -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                PathPattern parsed = parser.parse(pattern);
                if (methods.isEmpty()) {
                    rules.add(new Rule(null, parsed, access.value()));
                }
                for (RequestMethod method : methods) {
                    rules.add(new Rule(method.asHttpMethod(), parsed, access.value()));
                }
            }
        }));
        rules.sort(Comparator.comparing(Rule::pattern, PathPattern.SPECIFICITY_COMPARATOR));
        return rules;
    }
}
