package dev.facerec.api.console;

import dev.facerec.api.http.security.PublicPages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console (module {@code console}): its files under {@code /console/}, its page at {@code /}, and a security
 * chain of its own. The files are public, as any web application's are: they hold no data, and every screen reads and
 * writes through the public REST API with the signed-in user's token, under the API's own rules. Their chain sets the
 * console's Content-Security-Policy: its own scripts, styles and images only (no inline script or style, no eval),
 * blob images for the photos it fetched with the token, the camera's stream, and no framing.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration implements WebMvcConfigurer {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' blob: data:; media-src 'self' blob: mediastream:; connect-src 'self';"
            + " manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String[] PATHS = {"/", "/console/**"};

    /**
     * Before the API's chain (which answers everything else): only GET and HEAD of the console's own paths reach it,
     * so a write to {@code /} or {@code /console/} still meets the API's rules and is refused there.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain consoleFilterChain(HttpSecurity http) throws Exception {
        PublicPages.configure(http, PublicPages.reads(PATHS), CONTENT_SECURITY_POLICY)
                // The live screen needs the camera of this origin; nothing else does.
                .headers(headers -> headers.addHeaderWriter(new StaticHeadersWriter(
                                "Permissions-Policy", "camera=(self), microphone=(), geolocation=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        return http.build();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // no-cache: the browser revalidates (ETag/Last-Modified) so that an upgrade is seen at once, without a bundler
        // to fingerprint the file names.
        registry.addResourceHandler("/console/**")
                .addResourceLocations("classpath:/facerec-console/")
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/console/index.html");
    }
}
