package dev.facerec.api.console;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Reads of the console's own paths: GET and HEAD only. */
final class ConsolePaths {
    private ConsolePaths() {}

    static RequestMatcher matcher(String... patterns) {
        List<RequestMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            matchers.add(PathPatternRequestMatcher.pathPattern(GET, pattern));
            matchers.add(PathPatternRequestMatcher.pathPattern(HEAD, pattern));
        }
        return new OrRequestMatcher(matchers);
    }
}
