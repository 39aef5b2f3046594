package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.broker.BrokerSettings;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administration of partners' broker accounts: issue or rotate (the password is shown once), list, remove. */
@RestController
class BrokerAccountController {
    private final BrokerAccounts accounts;
    private final BrokerSettings broker;

    BrokerAccountController(BrokerAccounts accounts, BrokerSettings broker) {
        this.accounts = accounts;
        this.broker = broker;
    }

    /** Issues the account or rotates its password; the answer holds the password and ready-made AMQP URLs, once. */
    @PostMapping("/admin/broker-accounts/{code}")
    ResponseEntity<Map<String, Object>> issue(@PathVariable String code) {
        BrokerAccounts.Issued issued = accounts.issue(code);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("user", issued.user());
        r.put("password", issued.password());
        r.put("issuedAt", issued.issuedAt());
        r.put("rotatedAt", issued.rotatedAt());
        String hostPort = broker.host() + ":" + broker.port();
        Map<String, String> urls = new LinkedHashMap<>();
        // Qpid JMS takes the credentials as URI options; rhea and other AMQP clients as user info
        urls.put("qpidJms", "amqp://" + hostPort + "?jms.username=" + issued.user() + "&jms.password=" + issued.password());
        urls.put("amqp", "amqp://" + issued.user() + ":" + issued.password() + "@" + hostPort);
        r.put("urls", urls);
        return ResponseEntity.status(201).body(r);
    }

    @GetMapping("/admin/broker-accounts")
    List<BrokerAccounts.Account> list() {
        return accounts.list();
    }

    @DeleteMapping("/admin/broker-accounts/{code}")
    ResponseEntity<Void> remove(@PathVariable String code) {
        if (!accounts.remove(code)) {
            throw new HubException(ErrorCode.NOT_FOUND, "No broker account " + code + ".");
        }
        return ResponseEntity.noContent().build();
    }
}
