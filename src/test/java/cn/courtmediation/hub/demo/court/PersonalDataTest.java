package cn.courtmediation.hub.demo.court;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What the demo court's inbox keeps of a payload: personal identifiers and contact data starred out, the rest unchanged. */
class PersonalDataTest {
    private final PersonalData personalData = new PersonalData(new ObjectMapper());

    @Test
    void masksIdAndPhoneNumbersAndAddressesWhereverTheyAre() throws Exception {
        String masked = personalData.mask("{\"body\":{\"parties\":[{\"name\":\"张三\",\"idNumber\":\"110105199001011234\","
                + "\"phone\":\"13800138000\",\"address\":\"北京市朝阳区某街道某小区1号楼\"}],\"contact\":{\"Email\":\"a@b.cn\"}}}");
        assertThat(masked).doesNotContain("110105199001011234", "13800138000", "某街道", "a@b.cn");
        assertThat(new ObjectMapper().readTree(masked).at("/body/parties/0/idNumber").asText()).isEqualTo("**************1234");
        assertThat(new ObjectMapper().readTree(masked).at("/body/parties/0/phone").asText()).isEqualTo("*********00");
        assertThat(new ObjectMapper().readTree(masked).at("/body/parties/0/name").asText()).isEqualTo("张三");
    }

    @Test
    void aPayloadWithoutPersonalDataKeepsItsExactBytes() {
        String payload = "{ \"type\" : \"NOTICE\",\n  \"body\": {\"title\": \"通知\"} }";
        assertThat(personalData.mask(payload)).isSameAs(payload);
    }

    @Test
    void aPayloadThatIsNotJsonIsNotKept() {
        assertThat(personalData.mask("idNumber=110105199001011234")).doesNotContain("110105199001011234").contains("withheld");
    }

    @Test
    void shortValuesShowAtMostAQuarter() {
        assertThat(PersonalData.stars("123")).isEqualTo("***");
        assertThat(PersonalData.stars("12345678")).isEqualTo("******78");
    }
}
