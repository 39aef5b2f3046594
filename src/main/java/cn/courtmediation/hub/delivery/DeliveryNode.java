package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.store.MessageStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * This hub process's name on its delivery claims: the same on every restart of one node (host and data directory), so a
 * node that was killed mid-attempt ends its own claims when it starts again instead of letting them lapse.
 */
@Component
class DeliveryNode {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryNode.class);
    private final String id;

    /** Runs before any consumer takes a message: the store is migrated when the bean is made. */
    DeliveryNode(MessageStore store, Environment env) {
        // the data directory is held by one process at a time (H2 file lock, the embedded broker's journal lock)
        Path dataDir = Path.of(env.getRequiredProperty("hub.data-dir")).toAbsolutePath().normalize();
        this.id = Sha256.hex((host() + ":" + dataDir).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        int ended = store.endClaimsOf(id);
        if (ended > 0) {
            LOG.info("Ended {} delivery claim(s) this node held when it last stopped; those messages are attempted at once", ended);
        }
    }

    String id() {
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
