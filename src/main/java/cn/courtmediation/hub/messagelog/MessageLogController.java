package cn.courtmediation.hub.messagelog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Message log administration (bearer token): verify the chain and its checkpoints, as scripts/verify-log.sh does offline. */
@RestController
class MessageLogController {
    private final MessageLogVerifier verifier;

    MessageLogController(MessageLogVerifier verifier) {
        this.verifier = verifier;
    }

    /** 200 with the report whether or not the log is intact (intact tells which); it reads the whole log, so call it sparingly. */
    @GetMapping("/admin/message-log/verify")
    MessageLogVerifier.Report verify() {
        return verifier.verify();
    }
}
