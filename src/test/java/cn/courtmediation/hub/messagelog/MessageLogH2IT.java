package cn.courtmediation.hub.messagelog;

import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The message log on the embedded defaults: H2 file database. */
// A hub of its own (MessageLogContract): the log is one chain per database, verified whole, so the rows other tests
// insert with plain SQL (CaseTimeline*IT, HubFlows*IT, FanoutIT) would be UNLOGGED_ROWS; the tests rename the pending table
// and rewrite the head row under the hub's feet, and need the seal and checkpoint timers off, which the seal route test needs on.
@OwnHub
class MessageLogH2IT extends MessageLogContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        properties(registry);
    }
}
