package cn.courtmediation.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: starts the hub with the configuration in application.yaml. */
@SpringBootApplication
public class MediationHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(MediationHubApplication.class, args);
    }
}
