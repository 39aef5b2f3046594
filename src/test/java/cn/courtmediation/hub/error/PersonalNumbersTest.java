package cn.courtmediation.hub.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalNumbersTest {
    // a made-up ID number with a correct check character (GB 11643), and the same with a wrong one
    static final String ID = "11010519491231002X";
    static final String NOT_AN_ID = "110105194912310021";

    @Test
    void masksIdNumbersWithTheirCheckCharacterAndPhoneNumbers() {
        assertThat(PersonalNumbers.isIdNumber(ID)).isTrue();
        assertThat(PersonalNumbers.mask("Unrecognized token '" + ID + "': was expecting a value"))
                .isEqualTo("Unrecognized token '[masked]': was expecting a value");
        assertThat(PersonalNumbers.mask("call 13800138000, +86 13912345678 or 010-62345678"))
                .isEqualTo("call [masked], [masked] or [masked]");
        assertThat(PersonalNumbers.find("id " + ID + " tel 13800138000")).containsExactly(ID, "13800138000");
    }

    @Test
    void leavesOtherNumbersAlone() {
        String text = "serial " + NOT_AN_ID + ", sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,"
                + " at 1733360000000 ms, messageId 3dc97064-996b-45f6-aec3-3f6b1ad1e87c, case C110105-2026-000123,"
                + " quarantined as b39e41e1-0904-4151-8209-f83b75bd4b34, database in /tmp/hub-it-230493859858900473/db";
        assertThat(PersonalNumbers.mask(text)).isEqualTo(text);
        assertThat(PersonalNumbers.find(text)).isEmpty();
    }

    @Test
    void aRefusalDetailAndItsViolationsCarryNoPartysNumbers() {
        HubException e = new HubException(ErrorCode.MALFORMED, "Unrecognized token '" + ID + "'", null,
                List.of(new Violation("/body/parties/0/phone", "13800138000 is not valid")));
        assertThat(e.getMessage()).doesNotContain(ID).contains("[masked]");
        assertThat(e.violations().get(0).message()).isEqualTo("[masked] is not valid");
    }
}
