package cn.courtmediation.hub.console;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The Queues page: every queue of the embedded broker with depth, consumers and oldest message, filtered and paged. */
@Controller
class QueuePages {
    static final int PAGE_SIZE = 50;
    private final BrokerQueueList queues;

    QueuePages(BrokerQueueList queues) {
        this.queues = queues;
    }

    @GetMapping("/console/queues")
    String queues(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        List<BrokerQueueList.QueueRow> all = queues.queues(q);
        int p = Math.max(0, Math.min(page, Math.max(0, (all.size() - 1) / PAGE_SIZE)));
        model.addAttribute("queues", all.subList(Math.min(all.size(), p * PAGE_SIZE), Math.min(all.size(), (p + 1) * PAGE_SIZE)));
        model.addAttribute("total", all.size());
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("embedded", queues.embedded());
        model.addAttribute("backlog", all.stream().mapToLong(BrokerQueueList.QueueRow::depth).sum());
        return "console/queues";
    }

    @GetMapping("/console/api/queues")
    @ResponseBody
    List<BrokerQueueList.QueueRow> data(@RequestParam(required = false) String q) {
        return queues.queues(q);
    }
}
