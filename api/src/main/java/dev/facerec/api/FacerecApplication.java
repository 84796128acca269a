package dev.facerec.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The facerec service: the only Spring Boot application of the reactor. */
@SpringBootApplication
public class FacerecApplication {
    public static void main(String[] args) {
        SpringApplication.run(FacerecApplication.class, args);
    }
}
