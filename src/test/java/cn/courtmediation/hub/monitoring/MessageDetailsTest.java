package cn.courtmediation.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The message page's payload: personal-number fields and numbers in free text masked, everything else kept as sent. */
class MessageDetailsTest {

    @Test
    void theDispatchExampleShowsNoIdOrPhoneNumberButKeepsItsChineseText() throws IOException {
        String shown = MessageDetails.mask(Files.readAllBytes(Path.of("schemas/examples/case-dispatch.json")));
        assertThat(shown).doesNotContain("110105199001011234", "91110105MA01ABCD2X", "13800138000", "010-65001234")
                .contains("\"idNumber\" : \"[masked]\"", "\"phone\" : \"[masked]\"", "(2026)京0105民诉前调1234号", "张三", "C110105-2026-000123");
    }

    @Test
    void numbersInFreeTextAreMaskedAndTextThatIsNotJsonIsShownMasked() {
        assertThat(MessageDetails.mask("{\"body\":{\"summary\":\"联系人电话13800138000，请回电\"}}".getBytes()))
                .doesNotContain("13800138000").contains("联系人电话", "[masked]");
        assertThat(MessageDetails.mask("not json 13800138000".getBytes())).isEqualTo("not json [masked]");
    }
}
