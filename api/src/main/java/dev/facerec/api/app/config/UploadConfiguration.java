package dev.facerec.api.app.config;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Derives the servlet multipart limits from {@code facerec.upload.max-bytes}, so one setting bounds both a single
 * image and the whole request; {@code spring.servlet.multipart.max-*-size} are therefore not used.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UploadProperties.class, JobProperties.class})
public class UploadConfiguration {
    @Bean
    MultipartConfigElement multipartConfigElement(UploadProperties upload, JobProperties jobs) {
        // Parts are spooled to disk, never held in memory; the image endpoints' limit is also enforced per request
        // by UploadSizeFilter, and only the jobs' archive upload may be larger.
        var factory = new MultipartConfigFactory();
        factory.setMaxFileSize(DataSize.ofBytes(
                Math.max(upload.maxBytes().toBytes(), jobs.maxArchiveBytes().toBytes())));
        factory.setMaxRequestSize(DataSize.ofBytes(Math.max(
                upload.maxRequestBytes().toBytes(),
                UploadProperties.archiveRequestBytes(jobs).toBytes())));
        return factory.createMultipartConfig();
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} only when the application reads the body, not on arrival: an upload
     * that the size filter refuses then gets its 413 before the client was ever invited to send the body.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> continueOnlyWhenTheBodyIsRead() {
        return factory ->
                factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }
}
