package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.registry.Participant.Kind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;

/** Writes the registry as CSV page by page from the database, so an export of 80,000 entries holds one page at a time. */
@Component
class RegistryExport {
    private final Registry registry;
    private final int pageSize;

    RegistryExport(Registry registry, RegistrySettings settings) {
        this.registry = registry;
        this.pageSize = settings.bulk().batchSize();
    }

    /** Writes the header and every entry matching the filters (null = any), ordered by code; returns the entries written. */
    long write(Kind kind, String regionPrefix, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 65_536);
        RegistryCsv.writeHeader(w);
        long rows = 0;
        for (int page = 0; ; page++) {
            List<Participant> entries = registry.search(kind, regionPrefix, null, null, null, page, pageSize);
            for (Participant p : entries) {
                RegistryCsv.write(p, w);
            }
            rows += entries.size();
            // each page goes out before the next is read: the client sees progress, the heap holds one page
            w.flush();
            if (entries.size() < pageSize) {
                return rows;
            }
        }
    }
}
