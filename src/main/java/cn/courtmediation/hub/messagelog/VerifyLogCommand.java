package cn.courtmediation.hub.messagelog;

import java.io.PrintStream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * scripts/verify-log.sh: verifies a hub's message log without a running hub. Starts only the datasource (the
 * hub's own configuration: application.yaml, profiles, DB_URL...) and the verifier, prints the report, and exits
 * 0 when the log is intact, 1 when it is broken, 2 when it could not be read. Never migrates or writes.
 */
public final class VerifyLogCommand {
    private VerifyLogCommand() {
    }

    /** Not a @Configuration: the hub's component scan must not pick it up. */
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
    @Import(MessageLogVerifier.class)
    @EnableConfigurationProperties(MessageLogSettings.class)
    static class Context {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Verifies with the hub's configuration plus args (--key=value overrides); returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream progress) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Context.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("spring.datasource.hikari.maximum-pool-size=2")
                .run(args)) {
            MessageLogVerifier.Report r = context.getBean(MessageLogVerifier.class).verify(progress::println);
            out.println(render(r));
            return r.intact() ? 0 : 1;
        } catch (RuntimeException e) {
            progress.println("verify-log: cannot verify: " + e);
            return 2;
        }
    }

    static String render(MessageLogVerifier.Report r) {
        StringBuilder s = new StringBuilder();
        s.append(r.intact() ? "INTACT" : "BROKEN").append('\n');
        s.append("entries verified: ").append(r.entries()).append('\n');
        s.append("head: seq ").append(r.headSeq()).append(' ').append(r.headHash()).append('\n');
        s.append("checkpoints verified: ").append(r.checkpoints())
                .append(r.lastCheckpointSeq() == null ? "" : " (last at seq " + r.lastCheckpointSeq() + ")")
                .append(r.caChecked() ? ", signers checked against the hub CA" : ", signers NOT checked against the hub CA (no CA certificate)")
                .append('\n');
        s.append("entries pending sealing: ").append(r.pending()).append('\n');
        s.append("rows without an entry (stored before the log began): ").append(r.unloggedMessages()).append(" messages, ")
                .append(r.unloggedEvidences()).append(" evidences\n");
        if (r.firstBreak() != null) {
            MessageLogVerifier.Break b = r.firstBreak();
            s.append("first break: seq ").append(b.seq()).append(' ').append(b.problem())
                    .append(b.kind() == null ? "" : " " + b.kind()).append(b.refId() == null ? "" : " " + b.refId()).append('\n')
                    .append("  ").append(b.detail()).append('\n');
        }
        s.append("took ").append(r.millis()).append(" ms");
        return s.toString();
    }
}
