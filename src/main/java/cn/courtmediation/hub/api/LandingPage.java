package cn.courtmediation.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET / leads to the operations console on the HTTPS port (302 to /console, which asks to sign in); on the plain port,
 * where no one signs in, / is the landing page (static/index.html: what the hub is, its contracts, Swagger UI, health,
 * a link to the console), which is also at /about on both ports.
 */
@RestController
class LandingPage {
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private final Resource page = new ClassPathResource("static/index.html");

    // a mapping rather than Spring Boot's welcome page: the welcome page answers only GET with text/html accepted, so
    // POST / fell through to the static resources as 404; mapped, any other method on / is 405 METHOD_NOT_ALLOWED
    @GetMapping("/")
    ResponseEntity<Resource> landing(HttpServletRequest request) {
        if (request.isSecure()) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(request.getContextPath() + "/console")).build();
        }
        return about();
    }

    @GetMapping("/about")
    ResponseEntity<Resource> about() {
        return ResponseEntity.ok().contentType(HTML).body(page);
    }
}
