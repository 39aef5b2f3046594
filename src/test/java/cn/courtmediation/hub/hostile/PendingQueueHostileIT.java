package cn.courtmediation.hub.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * To be fixed by the "queue" helper of issue 12 (item 2): every message on a partner's to-hub address gets a REJECTION and
 * is removed, the consumer stays. Run with -Dhostile.pending=true. The expected code of a binary hubSignature is a guess
 * (WRONG_TYPE_CODE, what an int or boolean one gets today: HostileInputIT): adjust it to what the fix documents. The
 * raw AMQP types need a raw AMQP 1.0 sender (proton-j), which the queue helper builds: these cases are listed with their
 * expected outcome and skipped (TODO) until it is wired.
 */
@EnabledIfSystemProperty(named = "hostile.pending", matches = "true")
class PendingQueueHostileIT extends HostileInputIT {
    static final String WRONG_TYPE_CODE = "SIGNATURE_INVALID";

    @Override
    @TestFactory
    Stream<DynamicNode> rest() {
        return Stream.empty();
    }

    @Override
    @TestFactory
    Stream<DynamicNode> soap() {
        return Stream.empty();
    }

    @Override
    @TestFactory
    Stream<DynamicNode> amqp() throws Exception {
        Parties p = parties(Ch.AMQP);
        List<DynamicNode> t = new ArrayList<>();
        for (String[] todo : new String[][] {
                {"an AMQP sequence body", "MALFORMED"},
                {"an amqp-value body holding a list of uint", "MALFORMED"},
                {"an application property of type list", "MALFORMED"},
                {"an application property of type timestamp (valid message otherwise)", "MALFORMED"},
                {"hubSignature of binary type (the signature's DER bytes)", WRONG_TYPE_CODE}}) {
            // TODO(queue helper): send with the raw AMQP 1.0 sender, then assertRefused(todo[1], () -> queueCode(p.sender)),
            // and check that a valid message right after it is still accepted (the consumer was not removed)
            t.add(test(todo[0] + " -> REJECTION " + todo[1] + ", queue not blocked", () ->
                    Assumptions.abort("TODO: needs the raw AMQP 1.0 sender of the queue fix")));
        }
        t.add(test("afterwards: a valid message on the same address is accepted and delivered", () -> assertStillServed(p, p.notice())));
        return t.stream();
    }
}
