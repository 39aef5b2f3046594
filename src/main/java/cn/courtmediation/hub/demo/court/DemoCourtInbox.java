package cn.courtmediation.hub.demo.court;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;

/** What the demo trial system received, newest last, bounded; demo only (a real court keeps its own records). */
@Component
class DemoCourtInbox {
    private static final int CAPACITY = 500;
    private final Deque<Entry> entries = new ArrayDeque<>();

    /** One delivery the demo court received. */
    record Entry(String court, String channel, String messageId, String type, String sender, String payload, OffsetDateTime receivedAt) {
    }

    synchronized void add(Entry e) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(e);
    }

    synchronized List<Entry> all() {
        return new ArrayList<>(entries);
    }
}
