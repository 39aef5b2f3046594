package cn.courtmediation.hub.load.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A standalone Artemis 2.40 (the distribution from Maven Central) created in the run's work dir with the project's broker.xml settings. */
final class ExternalBroker implements AutoCloseable {
    static final String USER = "faults";
    static final String PASSWORD = "faults";
    private final Path instance;
    private final Path log;
    private final int port;
    private Process process;

    private ExternalBroker(Path instance, Path log, int port) {
        this.instance = instance;
        this.log = log;
        this.port = port;
    }

    /**
     * artemis create (login required, no web console), then docker/artemis/etc-override/broker.xml with its acceptor
     * on our free port and loopback only (its second, 5672 acceptor is dropped: that port is not ours to take).
     */
    static ExternalBroker create(Path artemisHome, Path brokerXml, Path workDir, int port) throws IOException, InterruptedException {
        Path instance = workDir.resolve("artemis-instance");
        Path log = workDir.resolve("artemis.log");
        run(List.of(artemisHome.resolve("bin/artemis").toString(), "create", instance.toString(), "--user", USER, "--password", PASSWORD,
                "--role", "amq", "--require-login", "--silent", "--no-web", "--no-autotune", "--host", "127.0.0.1",
                "--java-memory", "512M"), log);
        String xml = Files.readString(brokerXml)
                .replaceAll("(?s)\\s*<acceptor name=\"amqp\">.*?</acceptor>", "")
                .replace("tcp://0.0.0.0:61616", "tcp://127.0.0.1:" + port)
                .replace(";useEpoll=true", "");
        Files.writeString(instance.resolve("etc/broker.xml"), xml);
        return new ExternalBroker(instance, log, port);
    }

    String coreUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    String amqpUrl() {
        return "amqp://127.0.0.1:" + port;
    }

    /** Starts the broker and waits until its acceptor takes connections. */
    synchronized void start(Duration timeout) throws IOException, InterruptedException {
        Files.writeString(log, "==== fault run: broker start ====\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(List.of(instance.resolve("bin/artemis").toString(), "run"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the broker exited (" + process.exitValue() + "); see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the broker did not listen on " + port + " within " + timeout.toSeconds() + " s; see " + log);
                }
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** kill -9 of the broker JVM (the script execs java, so the process is the JVM; descendants too, to be sure). */
    synchronized void kill9() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try (InputStream ignored = p.getInputStream()) {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        }
        if (p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "; see " + log);
        }
    }
}
