package dev.facerec.api.config;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Derives the servlet multipart limits from {@code facerec.upload.max-bytes}, so one setting bounds both a single
 * image and the whole request; {@code spring.servlet.multipart.max-*-size} are therefore not used.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadProperties.class)
public class UploadConfiguration {
    @Bean
    MultipartConfigElement multipartConfigElement(UploadProperties upload) {
        var factory = new MultipartConfigFactory();
        factory.setMaxFileSize(upload.maxBytes());
        factory.setMaxRequestSize(upload.maxRequestBytes());
        return factory.createMultipartConfig();
    }
}
