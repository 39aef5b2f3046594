package cn.courtmediation.hub.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On a database without operator accounts, creates the first admin ("admin"): with HUB_ADMIN_PASSWORD, or a generated
 * password printed once on the console (standard output, not the log file) and stored only hashed.
 */
@Component
class FirstAdmin implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
    static final String USERNAME = "admin";

    private final OperatorAccounts accounts;
    private final AccessSettings settings;

    FirstAdmin(OperatorAccounts accounts, AccessSettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.any()) {
            return;
        }
        String given = settings.initialAdminPassword();
        String password;
        try {
            password = accounts.create(USERNAME, Caller.Role.ADMIN, given, null);
        } catch (cn.courtmediation.hub.error.HubException e) {
            return; // another replica created it first
        }
        if (given.isEmpty()) {
            System.out.println("""

                    ==================================================================
                      First operator account of this hub (printed this once only):
                        user:     %s
                        password: %s
                      Get a token: curl --cacert data/pki/hub-ca.pem -u %s:<password> \\
                                   -X POST https://localhost:8443/admin/tokens
                    ==================================================================
                    """.formatted(USERNAME, password, USERNAME));
            LOG.warn("Created the first admin account '{}'; its generated password was printed once on the console", USERNAME);
        } else {
            LOG.info("Created the first admin account '{}' with the password of HUB_ADMIN_PASSWORD", USERNAME);
        }
    }
}
