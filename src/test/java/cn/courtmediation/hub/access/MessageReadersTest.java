package cn.courtmediation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.courtmediation.hub.contract.MessageStatus;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.store.StoredMessage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may read a message: its sender, its recipient, an operator of any role; nobody else, and no one without credentials. */
class MessageReadersTest {
    private static final StoredMessage M = new StoredMessage("m-1", "NOTICE", "C110105", "M110105001", "C110105-2026-000001", null,
            "REST", MessageStatus.DELIVERED, new byte[0], "00", null, null, null, null, 1, null, null, null);

    @Test
    void theSenderAndTheRecipientMayRead() {
        assertThat(MessageReaders.mayRead(Caller.participant("C110105"), M)).isTrue();
        assertThat(MessageReaders.mayRead(Caller.participant("M110105001"), M)).isTrue();
    }

    @Test
    void anotherParticipantMayNot() {
        assertThat(MessageReaders.mayRead(Caller.participant("C310101"), M)).isFalse();
        assertThat(MessageReaders.mayRead(Caller.participant("c110105"), M)).as("codes compare exactly").isFalse();
    }

    @Test
    void operatorsOfEveryRoleMay() {
        for (Caller.Role role : Caller.Role.values()) {
            assertThat(MessageReaders.mayRead(Caller.operator("op", role), M)).as(role.name()).isTrue();
        }
    }

    @Test
    void anOperatorAccountNamedLikeTheSenderIsAnOperatorAndAParticipantNamedLikeAnOperatorIsNot() {
        assertThat(Caller.operator("C110105", Caller.Role.VIEWER).is("C110105")).isFalse();
        assertThat(MessageReaders.mayRead(Caller.participant("admin"), M)).isFalse();
    }

    @Test
    void noCallerIsUnauthorized() {
        assertThatThrownBy(() -> Callers.require(Optional.empty())).isInstanceOf(HubException.class)
                .extracting(e -> ((HubException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(Callers.require(Optional.of(Caller.participant("C1")))).isEqualTo(Caller.participant("C1"));
    }
}
