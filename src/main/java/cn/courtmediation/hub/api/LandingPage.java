package cn.courtmediation.hub.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the landing page (static/index.html: what the hub is, links to its contracts, Swagger UI and health) at /. */
@RestController
class LandingPage {
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private final Resource page = new ClassPathResource("static/index.html");

    // a mapping rather than Spring Boot's welcome page: the welcome page answers only GET with text/html accepted, so
    // POST / fell through to the static resources as 404; mapped, any other method on / is 405 METHOD_NOT_ALLOWED
    @GetMapping("/")
    ResponseEntity<Resource> landing() {
        return ResponseEntity.ok().contentType(HTML).body(page);
    }
}
