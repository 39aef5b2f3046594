package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How party names compare: one form after NFKC, invisible characters removed, spaces collapsed and lower case. */
class PartyNamesTest {

    @Test
    void zeroWidthAndOtherInvisibleCharactersDoNotMakeAnotherName() {
        for (String twin : new String[] {"张\u200B三", "张\u200C三", "张\u200D三", "张\u2060三", "\uFEFF张三", "张\u00AD三", "张\u034F三",
                "张三\uFE0F", "张\u180E三", "张\u3164三", "张\u0007三", "张\uDB40\uDC01三"}) {
            assertThat(PartyNames.normalise(twin)).as(PartyNames.shown(twin)).isEqualTo("张三");
        }
    }

    @Test
    void widthsSpacesAndCaseDoNotMakeAnotherName() {
        assertThat(PartyNames.normalise(" 张三\u00A0")).isEqualTo("张三");
        assertThat(PartyNames.normalise("\u3000Zhang\t\u2003 San ")).isEqualTo("zhang san");
        assertThat(PartyNames.normalise("ＺＨＡＮＧ　Ｓａｎ")).isEqualTo("zhang san");
        assertThat(PartyNames.normalise("北京某商业银行（朝阳支行）")).isEqualTo("北京某商业银行(朝阳支行)");
    }

    @Test
    void differentNamesStayDifferent() {
        assertThat(PartyNames.normalise("张三")).isNotEqualTo(PartyNames.normalise("张 三"));
        assertThat(PartyNames.normalise("Mallory")).isNotEqualTo(PartyNames.normalise("Trudy"));
        assertThat(PartyNames.normalise("\u200B\u200B ")).isEmpty();
    }

    @Test
    void aRefusalQuotesInvisibleCharactersByTheirCodePoints() {
        assertThat(PartyNames.shown("张\u200B三")).isEqualTo("'张<U+200B>三'");
        assertThat(PartyNames.shown("x".repeat(300))).hasSize(103);
    }
}
