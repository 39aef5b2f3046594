package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * problem+json with the hub's codes for the Spring MVC endpoints (PKI, administration), as the Camel REST routes answer,
 * and for requests no endpoint takes: an unknown path (NOT_FOUND) or a known path with another method (METHOD_NOT_ALLOWED).
 */
@RestControllerAdvice
class ProblemAdvice {
    private final long retryAfterSeconds;

    ProblemAdvice(UnavailableSettings settings) {
        this.retryAfterSeconds = settings.retryAfter();
    }

    @ExceptionHandler(HubException.class)
    ResponseEntity<Map<String, Object>> refusal(HubException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.code().httpStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            answer.header("Retry-After", String.valueOf(retryAfterSeconds));
        }
        return answer.body(Problems.asMap(e));
    }

    /** The database unreachable: SERVICE_UNAVAILABLE with Retry-After, as the routes answer; other data-access failures INTERNAL_ERROR. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Map<String, Object>> database(RuntimeException e, HttpServletRequest request) {
        return refusal(Problems.of(e, request.getMethod() + " " + request.getRequestURI()));
    }

    /** Nothing at that path: Spring MVC found no endpoint and the static resources (Boot's catch-all /**) no file. */
    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> unknownPath(NoResourceFoundException e, HttpServletRequest request) {
        return refusal(new HubException(ErrorCode.NOT_FOUND, "The hub has nothing at " + request.getMethod() + " "
                + request.getRequestURI() + ". Its addresses are listed at / and in docs/interfaces.md."));
    }

    /** The path is known (a Spring MVC endpoint or a Camel REST route) but not with this method: 405 with Allow. */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        Set<HttpMethod> supported = e.getSupportedHttpMethods();
        String allowed = supported == null ? "" : supported.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
        HubException refusal = new HubException(ErrorCode.METHOD_NOT_ALLOWED, request.getRequestURI() + " does not take "
                + request.getMethod() + (allowed.isEmpty() ? "." : "; it takes " + allowed + "."));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(refusal.code().httpStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (!allowed.isEmpty()) {
            answer.header(HttpHeaders.ALLOW, allowed);
        }
        return answer.body(Problems.asMap(refusal));
    }
}
