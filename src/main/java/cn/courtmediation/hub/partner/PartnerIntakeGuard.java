package cn.courtmediation.hub.partner;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ActiveMQBuffers;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.LargeBodyReader;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.LargeServerMessage;
import org.apache.activemq.artemis.core.server.RoutingContext;
import org.apache.activemq.artemis.core.server.impl.RoutingContextImpl;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;
import org.apache.activemq.artemis.utils.CompositeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker plugin on every partner's to-hub address: a message the hub's consumer could not take (PartnerMessageCheck)
 * is replaced, as it is routed, by a small CORE notice on the same queue that names the refusal (properties
 * {@value #CODE} and {@value #DETAIL}, body: the first bytes of the refused message's encoding); the hub's partner route
 * answers the notice like any refused message: quarantine, and a REJECTION on partner.CODE.from-hub. The message itself
 * goes to no queue (it is dropped; a large message's file is deleted); the sender's send succeeds, as for every message
 * the hub refuses later.
 *
 * <p>Why in the broker: the conversion from AMQP to CORE that fails happens inside the broker, when it hands the message
 * to the hub's CORE consumer; it removes the consumer and keeps the message at the head of the queue (Artemis 2.40,
 * QueueImpl.errorProcessing), so no consumer code can catch it. Refusing the message at the door (an interceptor, or a
 * plugin that throws) would answer the sender with an AMQP "rejected" outcome and a broker stack trace per message, but
 * no REJECTION and no quarantine; consuming the addresses over AMQP instead would need a second connection factory and
 * still leave the hub to fail on what its client cannot decode. Replacing the message keeps the documented contract:
 * the broker accepts, the hub answers refusals on from-hub.
 *
 * <p>The notice is routed in the routing's transaction (a partner's transacted send: with its commit), before the
 * message is dropped. Properties {@value #CODE} and {@value #DETAIL} that a partner sets itself are removed from every
 * message on a to-hub address: only this plugin makes notices.
 */
public class PartnerIntakeGuard implements ActiveMQServerMessagePlugin {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerIntakeGuard.class);
    /** The refusal's error code (a string), on a notice. */
    public static final String CODE = "hubGuardCode";
    /** The refusal's detail, on a notice. */
    public static final String DETAIL = "hubGuardDetail";
    private static final SimpleString CODE_NAME = SimpleString.of(CODE);
    private static final SimpleString DETAIL_NAME = SimpleString.of(DETAIL);

    /** Set while this plugin routes a notice: the notice passes unchecked. */
    private static final ThreadLocal<Boolean> ROUTING_NOTICE = new ThreadLocal<>();

    private final Pattern toHub;
    private final PartnerMessageCheck check;
    private final int keptBytes;
    private volatile ActiveMQServer server;

    /**
     * @param toHubAddress a partner's to-hub address, %s for its code (hub.partner.to-hub-address)
     * @param keptBytes at most this many bytes of a refused message are kept on the notice (for quarantine)
     */
    PartnerIntakeGuard(String toHubAddress, PartnerMessageCheck check, int keptBytes) {
        int at = toHubAddress.indexOf("%s");
        this.toHub = Pattern.compile(Pattern.quote(toHubAddress.substring(0, at)) + "[^.]+"
                + Pattern.quote(toHubAddress.substring(at + 2)));
        this.check = check;
        this.keptBytes = keptBytes;
    }

    @Override
    public void registered(ActiveMQServer server) {
        this.server = server;
    }

    /** Whether an address (or a fully qualified queue name) is a partner's to-hub address. */
    boolean guards(SimpleString address) {
        return address != null && toHub.matcher(CompositeAddress.extractAddressName(address.toString())).matches();
    }

    @Override
    public void beforeMessageRoute(Message message, RoutingContext context, boolean direct, boolean rejectDuplicates) throws ActiveMQException {
        if (ROUTING_NOTICE.get() != null) {
            return;
        }
        SimpleString address = context.getAddress(message);
        if (!guards(address)) {
            return;
        }
        PartnerMessageCheck.Refusal refusal = check.check(message);
        if (refusal == null) {
            removeForgedNotice(message);
            return;
        }
        CoreMessage notice = notice(message, address, refusal);
        ROUTING_NOTICE.set(Boolean.TRUE);
        try {
            server.getPostOffice().route(notice, new RoutingContextImpl(context.getTransaction()), false);
        } catch (ActiveMQException e) {
            throw e;
        } catch (Exception e) {
            throw new ActiveMQException("could not queue the notice of a refused partner message: " + e);
        } finally {
            ROUTING_NOTICE.remove();
        }
        // the message itself goes to no queue: the post office stores nothing and deletes a large message's file
        context.clear();
        LOG.debug("Partner message on {} replaced by a {} notice ({} bytes): {}", address, refusal.code(), message.getWholeMessageSize(), refusal.detail());
    }

    private static void removeForgedNotice(Message message) {
        if (message.containsProperty(CODE_NAME) || message.containsProperty(DETAIL_NAME)) {
            message.removeProperty(CODE_NAME);
            message.removeProperty(DETAIL_NAME);
            message.reencode();
        }
    }

    private CoreMessage notice(Message refused, SimpleString address, PartnerMessageCheck.Refusal refusal) {
        byte[] kept = firstBytes(refused);
        CoreMessage notice = new CoreMessage(server.getStorageManager().generateID(), kept.length + 1024);
        notice.setType(Message.BYTES_TYPE);
        notice.getBodyBuffer().writeBytes(kept);
        notice.putStringProperty(CODE_NAME, SimpleString.of(refusal.code().name()));
        notice.putStringProperty(DETAIL_NAME, SimpleString.of(refusal.detail()));
        notice.setAddress(address);
        notice.setRoutingType(RoutingType.ANYCAST);
        notice.setDurable(true);
        return notice;
    }

    /** The first keptBytes bytes of the message as it arrived: an AMQP message's encoding, a large CORE message's body. */
    private byte[] firstBytes(Message refused) {
        try {
            if (refused.isLargeMessage() && refused instanceof LargeServerMessage large) {
                try (LargeBodyReader reader = large.getLargeBodyReader()) {
                    reader.open();
                    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(keptBytes, reader.getSize()));
                    // the file read flips the buffer: its count, not its position, says how much was read
                    int read = reader.readInto(buffer);
                    return java.util.Arrays.copyOf(buffer.array(), Math.max(read, 0));
                }
            }
            if (refused instanceof AMQPMessage) {
                ActiveMQBuffer record = ActiveMQBuffers.fixedBuffer(refused.getPersistSize());
                refused.persist(record);
                byte[] bytes = new byte[Math.min(keptBytes, record.readInt())];
                record.readBytes(bytes);
                return bytes;
            }
            ActiveMQBuffer body = refused.toCore().getReadOnlyBodyBuffer();
            byte[] bytes = new byte[Math.min(keptBytes, body.readableBytes())];
            body.readBytes(bytes);
            return bytes;
        } catch (Exception e) {
            LOG.warn("Could not keep the bytes of a refused partner message ({}); its notice carries none", String.valueOf(e));
            return new byte[0];
        }
    }
}
