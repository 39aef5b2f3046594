package cn.courtmediation.hub.hostile;

import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.support.TestSigners;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Who a channel's hostile cases are from and to, with the keys and certificates they sign with: the channel's own
 * sender (a court on REST and SOAP, a partner on AMQP), its recipient (a court served by the test court server), and
 * the participants and certificates that the sender, signature and registry cases need. Made once per channel group.
 */
final class Parties {
    Ch channel;
    /** The sender whose channel this is (court for REST/SOAP, partner for AMQP) and its recipient (a test court). */
    String sender;
    String recipient;
    /** Another registered participant (not the sender). */
    String other;
    /** A suspended participant the channel may send as (its own key), and a sender that may not address the recipient. */
    String suspended;
    String restricted;
    /** A recipient the restricted sender may not address. */
    String forbiddenRecipient;
    TestSigners.Signer own;
    TestSigners.Signer otherSigner;
    TestSigners.Signer suspendedSigner;
    TestSigners.Signer restrictedSigner;
    /** Certificates of the sender, issued by the hub CA: expired, not yet valid, revoked; established ten days ago. */
    TestSigners.Signer expired;
    TestSigners.Signer notYetValid;
    TestSigners.Signer revoked;
    TestSigners.Signer established;
    /** A message the hub accepted from the sender before the group ran (for replays). */
    ObjectNode accepted;

    /** A fresh NOTICE from the sender to the recipient, edited by the caller. */
    ObjectNode notice(Consumer<ObjectNode> edit) {
        return TestMessages.fresh("notice.json", sender, recipient, edit);
    }

    ObjectNode notice() {
        return notice(m -> { });
    }

    /** The message's bytes signed with the sender's own key. */
    Submission signed(ObjectNode m) {
        return signed(TestMessages.bytes(m));
    }

    Submission signed(byte[] bytes) {
        return new Submission(bytes, own.sign(bytes));
    }
}
