package cn.courtmediation.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.message.Message;

/**
 * A raw AMQP 1.0 sender for hostile-input tests: any body section (sequence, value of any type, several data sections
 * are not possible in proton's message model, the rest is), any application property type, message annotations and
 * footers, exactly as a non-JMS client puts them on the wire. Built on proton-j's engine over a plain socket (no JMS
 * layer that would refuse such types). Each send opens its own connection, waits for the broker's outcome and closes.
 *
 * <pre>
 * Message m = RawAmqp.message(new AmqpSequence(List.of(UnsignedInteger.ONE)), Map.of("hubSignature", "..."));
 * DeliveryState outcome = RawAmqp.send(brokerPort, amqp.login("PBOC"), "partner.PBOC.to-hub", m);   // Accepted, Rejected, ...
 * </pre>
 */
public final class RawAmqp {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private RawAmqp() {
    }

    /** A broker login (SASL PLAIN); ANONYMOUS when null. */
    public record Login(String user, String password) {
    }

    /** A durable message with the given body section and application properties (values of any AMQP type). */
    public static Message message(Section body, Map<String, ?> applicationProperties) {
        Message m = Proton.message();
        m.setDurable(true);
        m.setMessageId(UUID.randomUUID().toString());
        m.setBody(body);
        if (applicationProperties != null && !applicationProperties.isEmpty()) {
            m.setApplicationProperties(new ApplicationProperties(new LinkedHashMap<>(applicationProperties)));
        }
        return m;
    }

    /** A string body (as the hub documents it), with the given application properties. */
    public static Message text(String body, Map<String, ?> applicationProperties) {
        return message(new AmqpValue(body), applicationProperties);
    }

    /** One data section with the bytes, with the given application properties. */
    public static Message data(byte[] body, Map<String, ?> applicationProperties) {
        return message(new Data(new Binary(body)), applicationProperties);
    }

    /** The message's AMQP encoding, as it goes on the wire. */
    public static byte[] encode(Message message) {
        for (int size = 4096; ; size *= 2) {
            byte[] out = new byte[size];
            try {
                int n = message.encode(out, 0, out.length);
                return java.util.Arrays.copyOf(out, n);
            } catch (java.nio.BufferOverflowException tooSmall) {
                // the next size up
            }
        }
    }

    /**
     * Sends the message to the address (an anycast queue: terminus capability "queue") and answers the broker's
     * outcome: Accepted when the broker took it, Rejected (with its error) when it refused it. Throws IllegalStateException
     * when the broker closed the link or the connection instead (e.g. bytes it cannot decode as a message).
     */
    public static DeliveryState send(int brokerPort, Login login, String address, Message message) {
        return sendEncoded(brokerPort, login, address, encode(message));
    }

    /** The same with bytes already encoded (e.g. deliberately malformed sections). */
    public static DeliveryState sendEncoded(int brokerPort, Login login, String address, byte[] encoded) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", brokerPort), (int) TIMEOUT.toMillis());
            socket.setSoTimeout(50);
            return new Exchange(socket, login, address, encoded).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One connection's conversation: open, attach a sender, send once, wait for the disposition, close. */
    private static final class Exchange {
        private final Socket socket;
        private final Login login;
        private final String address;
        private final byte[] encoded;
        private final Transport transport = Proton.transport();
        private final Connection connection = Proton.connection();

        Exchange(Socket socket, Login login, String address, byte[] encoded) {
            this.socket = socket;
            this.login = login;
            this.address = address;
            this.encoded = encoded;
        }

        DeliveryState run() throws IOException {
            transport.setMaxFrameSize(1024 * 1024);
            transport.bind(connection);
            Sasl sasl = transport.sasl();
            sasl.client();
            if (login == null) {
                sasl.setMechanisms("ANONYMOUS");
            } else {
                sasl.plain(login.user(), login.password());
            }
            connection.setContainer("raw-amqp-" + UUID.randomUUID());
            connection.setHostname("127.0.0.1");
            connection.open();
            Session session = connection.session();
            session.open();
            Sender sender = session.sender("raw-sender-" + UUID.randomUUID());
            Target target = new Target();
            target.setAddress(address);
            target.setCapabilities(Symbol.valueOf("queue"));
            sender.setTarget(target);
            sender.setSource(new Source());
            sender.open();

            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Delivery delivery = null;
            DeliveryState outcome = null;
            while (System.nanoTime() < deadline) {
                if (sasl.getOutcome() == Sasl.SaslOutcome.PN_SASL_AUTH || sasl.getOutcome() == Sasl.SaslOutcome.PN_SASL_PERM) {
                    throw new IllegalStateException("broker refused the login: SASL " + sasl.getOutcome());
                }
                if (delivery == null && sender.getRemoteState() == EndpointState.ACTIVE && sender.getCredit() > 0) {
                    delivery = sender.delivery("d1".getBytes(StandardCharsets.US_ASCII));
                    sender.send(encoded, 0, encoded.length);
                    sender.advance();
                }
                if (delivery != null && delivery.getRemoteState() != null && outcome == null) {
                    outcome = delivery.getRemoteState();
                    delivery.settle();
                    sender.close();
                    session.close();
                    connection.close();
                }
                if (sender.getRemoteState() == EndpointState.CLOSED && outcome == null) {
                    throw new IllegalStateException("broker detached the link: " + sender.getRemoteCondition());
                }
                if (connection.getRemoteState() == EndpointState.CLOSED && outcome == null) {
                    throw new IllegalStateException("broker closed the connection: " + connection.getRemoteCondition());
                }
                flush(out);
                if (outcome != null && connection.getRemoteState() == EndpointState.CLOSED) {
                    return outcome;
                }
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        if (outcome != null) {
                            return outcome;
                        }
                        throw new IOException("broker closed the connection: " + connection.getRemoteCondition());
                    }
                    int offset = 0;
                    while (offset < n) {
                        ByteBuffer tail = transport.tail();
                        int chunk = Math.min(tail.remaining(), n - offset);
                        tail.put(buffer, offset, chunk);
                        transport.process();
                        offset += chunk;
                    }
                } catch (SocketTimeoutException idle) {
                    // nothing to read now: loop to write and check
                }
            }
            if (outcome != null) {
                return outcome;
            }
            throw new IllegalStateException("no outcome from the broker within " + TIMEOUT);
        }

        private void flush(OutputStream out) throws IOException {
            while (transport.pending() > 0) {
                ByteBuffer head = transport.head();
                byte[] chunk = new byte[head.remaining()];
                head.get(chunk);
                out.write(chunk);
                transport.pop(chunk.length);
            }
            out.flush();
        }
    }
}
