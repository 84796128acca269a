package dev.facerec.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * A context of a few configurations bound as the service binds its settings, without starting it: from a fake
 * process environment in place of the real one and, where asked, through the service's own application.yml, whose
 * placeholders name the operator's variables. For the binding tests of the properties records.
 */
public final class EnvironmentRunner {
    private EnvironmentRunner() {}

    /**
     * @param environment the process environment the context sees, variable names as an operator sets them
     * @param applicationYaml whether application.yml is read too
     */
    public static ApplicationContextRunner of(
            Map<String, Object> environment, boolean applicationYaml, Class<?>... configurations) {
        return new ApplicationContextRunner()
                .withUserConfiguration(configurations)
                .withInitializer(context -> {
                    MutablePropertySources sources = context.getEnvironment().getPropertySources();
                    sources.replace(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(
                                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
                    if (applicationYaml) {
                        try {
                            new YamlPropertySourceLoader()
                                    .load("application.yml", new ClassPathResource("application.yml"))
                                    .forEach(sources::addLast);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
    }
}
