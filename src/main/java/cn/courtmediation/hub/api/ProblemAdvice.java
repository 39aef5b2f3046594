package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json with the hub's codes for the Spring MVC endpoints (PKI, administration), as the Camel REST routes answer. */
@RestControllerAdvice
class ProblemAdvice {
    @ExceptionHandler(HubException.class)
    ResponseEntity<Map<String, Object>> refusal(HubException e) {
        return ResponseEntity.status(e.code().httpStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.asMap(e));
    }
}
