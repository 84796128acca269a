package dev.facerec.api.app.health;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;

/**
 * The web slice of the health tests: the real health controller and indicators over {@link HealthTestPorts}, whose
 * fakes a test can switch off. Fake secrets are configured so a test can prove that no health body shows them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
        controllers = HealthController.class,
        properties = {
            "facerec.database.password=" + HealthSlice.DATABASE_PASSWORD,
            "facerec.s3.secret-key=" + HealthSlice.S3_SECRET,
            "facerec.redis.password=" + HealthSlice.REDIS_PASSWORD
        })
@Import({HealthTestPorts.class, dev.facerec.api.SliceSecurity.class})
@interface HealthSlice {
    String DATABASE_PASSWORD = "db-pa55word-never-shown";
    String S3_SECRET = "s3-secret-never-shown";
    String REDIS_PASSWORD = "redis-pa55word-never-shown";
}
