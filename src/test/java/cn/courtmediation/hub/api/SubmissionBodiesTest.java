package cn.courtmediation.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The content types each submission endpoint takes (docs/interfaces.md 4 and 5); everything else is refused 415 before reading. */
class SubmissionBodiesTest {

    @Test
    void restTakesJsonInUtf8Only() {
        assertThat(SubmissionBodies.isJson("application/json")).isTrue();
        assertThat(SubmissionBodies.isJson("Application/JSON; charset=\"UTF-8\"")).isTrue();
        assertThat(SubmissionBodies.isJson("application/json; charset=gbk")).isFalse();
        assertThat(SubmissionBodies.isJson("application/x-www-form-urlencoded")).isFalse();
        assertThat(SubmissionBodies.isJson("multipart/form-data; boundary=x")).isFalse();
        assertThat(SubmissionBodies.isJson("text/plain")).isFalse();
        assertThat(SubmissionBodies.isJson("application/jsonx")).isFalse();
        assertThat(SubmissionBodies.isJson(null)).isFalse();
    }

    @Test
    void soapTakesTheSoap11MediaTypeOfTheWsdlOnly() {
        assertThat(SubmissionBodies.isSoap11("text/xml")).isTrue();
        assertThat(SubmissionBodies.isSoap11("text/xml; charset=utf-8")).isTrue();
        assertThat(SubmissionBodies.isSoap11("application/soap+xml; charset=utf-8")).isFalse();
        assertThat(SubmissionBodies.isSoap11("application/json")).isFalse();
        assertThat(SubmissionBodies.isSoap11("text/plain")).isFalse();
        assertThat(SubmissionBodies.isSoap11("text/xml; charset=iso-8859-1")).isFalse();
        assertThat(SubmissionBodies.isSoap11(null)).isFalse();
    }
}
