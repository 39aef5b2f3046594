package cn.courtmediation.hub.load.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A fresh database per run on the machine's PostgreSQL (createdb/dropdb), dropped again at the end. */
final class Postgres implements AutoCloseable {
    static final String HOST = System.getenv().getOrDefault("FAULT_PG_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("FAULT_PG_PORT", "5432"));
    static final String USER = System.getenv().getOrDefault("FAULT_PG_USER", "postgres");
    private final String name;

    private Postgres(String name) {
        this.name = name;
    }

    static Postgres create(String name) throws IOException, InterruptedException {
        run("createdb", name);
        return new Postgres(name);
    }

    /** The JDBC URL of the database, through host:port (the proxy's, for db-refuse). */
    String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("dropdb", "--force", "--if-exists", name);
    }

    private static void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(tool, "-h", HOST, "-p", String.valueOf(PORT), "-U", USER));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
        }
    }
}
