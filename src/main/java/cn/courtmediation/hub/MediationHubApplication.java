package cn.courtmediation.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: starts the hub with the configuration in application.yaml. */
@SpringBootApplication
// the settings records (@ConfigurationProperties) of every capability, bound from application.yaml
@ConfigurationPropertiesScan
public class MediationHubApplication {

    public static void main(String[] args) {
        // Routes are read from ./routes so that an engineer can change a flow without a rebuild; a jar started
        // elsewhere (java -jar from any directory, a container) falls back to the copy packed inside it.
        if (System.getenv("HUB_ROUTES") == null && System.getProperty("HUB_ROUTES") == null
                && !Files.isDirectory(Path.of("routes"))) {
            System.setProperty("HUB_ROUTES", "classpath:routes/*.camel.yaml");
        }
        SpringApplication.run(MediationHubApplication.class, args);
    }
}
