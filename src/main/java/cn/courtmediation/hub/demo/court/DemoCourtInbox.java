package cn.courtmediation.hub.demo.court;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the demo trial system received, newest last, bounded; demo only (a real court keeps its own records). Payloads
 * are kept with their personal data masked (PersonalData): the inbox never holds the parties' ID or phone numbers.
 */
@Component
class DemoCourtInbox {
    private static final int CAPACITY = 500;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final PersonalData personalData;

    DemoCourtInbox(PersonalData personalData) {
        this.personalData = personalData;
    }

    /** One delivery the demo court received. */
    record Entry(String court, String channel, String messageId, String type, String sender, String payload, OffsetDateTime receivedAt) {
    }

    void add(Entry e) {
        Entry masked = new Entry(e.court(), e.channel(), e.messageId(), e.type(), e.sender(), personalData.mask(e.payload()), e.receivedAt());
        synchronized (this) {
            if (entries.size() == CAPACITY) {
                entries.removeFirst();
            }
            entries.addLast(masked);
        }
    }

    synchronized List<Entry> all() {
        return new ArrayList<>(entries);
    }
}
