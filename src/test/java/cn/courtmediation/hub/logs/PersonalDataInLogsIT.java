package cn.courtmediation.hub.logs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.error.PersonalNumbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * No party's ID number or phone number in any log line the integration tests' hubs wrote (issue 13, item 6): the
 * failsafe JVM logs to target/test-logs/failsafe.log as well (pom.xml), and this class runs after every other one
 * (@Order, junit-platform.properties). The hubs that tests start as processes of their own (HubProcess) log at WARN to
 * their own files and are not scanned.
 */
@Order(Integer.MAX_VALUE)
class PersonalDataInLogsIT {

    @Test
    void noLogLineOfTheTestRunCarriesAnIdNumberOrAPhoneNumber() throws IOException {
        Path dir = Path.of(System.getProperty("logging.file.name", "target/test-logs/failsafe.log")).getParent();
        List<String> hits = new ArrayList<>();
        long lines = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    lines++;
                    if (!PersonalNumbers.find(line).isEmpty() && hits.size() < 20) {
                        hits.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        // not vacuous: the hubs of this run logged, refusals included (a run of this class alone scans what the last run left)
        assertThat(lines).as("log lines scanned in " + dir).isGreaterThan(100);
        assertThat(hits).as("log lines with an ID or phone number").isEmpty();
    }
}
