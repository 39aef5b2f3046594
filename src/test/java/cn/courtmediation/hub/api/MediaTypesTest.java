package cn.courtmediation.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The content types each submission endpoint takes (docs/interfaces.md 4 and 5); everything else is refused 415 before reading. */
class MediaTypesTest {

    @Test
    void restTakesJsonInUtf8Only() {
        assertThat(MediaTypes.isJson("application/json")).isTrue();
        assertThat(MediaTypes.isJson("Application/JSON; charset=\"UTF-8\"")).isTrue();
        assertThat(MediaTypes.isJson("application/json; charset=gbk")).isFalse();
        assertThat(MediaTypes.isJson("application/x-www-form-urlencoded")).isFalse();
        assertThat(MediaTypes.isJson("multipart/form-data; boundary=x")).isFalse();
        assertThat(MediaTypes.isJson("text/plain")).isFalse();
        assertThat(MediaTypes.isJson("application/jsonx")).isFalse();
        assertThat(MediaTypes.isJson(null)).isFalse();
    }

    @Test
    void soapTakesTheSoap11MediaTypeOfTheWsdlOnly() {
        assertThat(MediaTypes.isSoap11("text/xml")).isTrue();
        assertThat(MediaTypes.isSoap11("text/xml; charset=utf-8")).isTrue();
        assertThat(MediaTypes.isSoap11("application/soap+xml; charset=utf-8")).isFalse();
        assertThat(MediaTypes.isSoap11("application/json")).isFalse();
        assertThat(MediaTypes.isSoap11("text/plain")).isFalse();
        assertThat(MediaTypes.isSoap11("text/xml; charset=iso-8859-1")).isFalse();
        assertThat(MediaTypes.isSoap11(null)).isFalse();
    }
}
