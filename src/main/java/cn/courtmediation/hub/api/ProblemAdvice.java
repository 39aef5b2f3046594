package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json with the hub's codes for the Spring MVC endpoints (PKI, administration), as the Camel REST routes answer. */
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
}
