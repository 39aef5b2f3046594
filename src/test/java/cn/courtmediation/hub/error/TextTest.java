package cn.courtmediation.hub.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void replacesLoneSurrogatesAndKeepsPairsAndPlainText() {
        assertThat(Text.wellFormed("id-\uD800")).isEqualTo("id-\uFFFD");
        assertThat(Text.wellFormed("\uDC00x\uD800")).isEqualTo("\uFFFDx\uFFFD");
        assertThat(Text.wellFormed("案件😀")).isEqualTo("案件😀");
        assertThat(Text.wellFormed(null)).isNull();
    }

    @Test
    void aRefusalEchoesNoLoneSurrogate() {
        HubException e = new HubException(ErrorCode.SCHEMA_VIOLATION, "messageId \uD800 is not a UUID", "\uD800",
                java.util.List.of(new Violation("/messageId", "\uD800 does not match")));
        assertThat(e.messageId()).isEqualTo("\uFFFD");
        assertThat(e.getMessage()).isEqualTo("messageId \uFFFD is not a UUID");
        assertThat(e.violations().get(0).message()).isEqualTo("\uFFFD does not match");
    }
}
