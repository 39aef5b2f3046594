package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.broker.BrokerSettings;
import cn.courtmediation.hub.trust.HubSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hub's own account on its embedded broker (HUB_BROKER_USER / HUB_BROKER_PASSWORD, or a password generated at first
 * start under the data directory): the hub's JMS connections log in with it, and it may do everything.
 */
@Component
public class HubBrokerAccount {
    private static final Logger LOG = LoggerFactory.getLogger(HubBrokerAccount.class);
    static final String SECRET_FILE = "broker-hub-password";
    private final String user;
    private final String password;

    HubBrokerAccount(BrokerSettings settings, HubSecrets secrets) {
        this.user = settings.user();
        if (settings.password().isBlank()) {
            this.password = secrets.readOrCreate(SECRET_FILE);
            LOG.info("The hub's broker account {} has its password in {}", user, secrets.file(SECRET_FILE));
        } else {
            this.password = settings.password();
        }
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** True for exactly this account's user and password (compared in constant time). */
    boolean matches(String givenUser, String givenPassword) {
        return user.equals(givenUser) && givenPassword != null
                && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), givenPassword.getBytes(StandardCharsets.UTF_8));
    }
}
