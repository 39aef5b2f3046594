package cn.courtmediation.hub.demo.national;

import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Loads the small demo registry at start (hub.demo.enabled): three courts, two partners, a mediation organisation, a grassroots unit. */
@Component
@Order(0)
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true")
class DemoRegistry implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRegistry.class);

    private final Registry registry;
    private final Environment env;
    private final String courtBaseUrl;

    DemoRegistry(Registry registry, Environment env, DemoSettings settings) {
        this.registry = registry;
        this.env = env;
        this.courtBaseUrl = settings.courtBaseUrl();
    }

    @Override
    public void run(ApplicationArguments args) {
        // The demo courts point at the demo trial system inside this hub unless HUB_DEMO_COURT_URL names another.
        String base = courtBaseUrl.isBlank()
                ? "http://127.0.0.1:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"))
                : courtBaseUrl;
        List<Participant> demo = List.of(
                new Participant("C110105", Kind.COURT, "北京市朝阳区人民法院", "110105", null, Channel.REST,
                        base + "/demo-court/rest/C110105", Status.ACTIVE),
                new Participant("C310115", Kind.COURT, "上海市浦东新区人民法院", "310115", null, Channel.SOAP,
                        base + "/services/demo-court/CourtResult", Status.ACTIVE),
                new Participant("C440305", Kind.COURT, "深圳市南山区人民法院", "440305", null, Channel.REST,
                        base + "/demo-court/rest/C440305", Status.ACTIVE),
                new Participant("PBOC", Kind.PARTNER, "中国人民银行", "100000", null, Channel.QUEUE, null, Status.ACTIVE),
                new Participant("ACFTU", Kind.PARTNER, "中华全国总工会", "100000", null, Channel.QUEUE, null, Status.ACTIVE),
                new Participant("M110105001", Kind.MEDIATION_ORG, "北京市朝阳区金融纠纷调解中心", "110105", "C110105", Channel.REST,
                        base + "/demo-court/rest/M110105001", Status.ACTIVE),
                new Participant("G110105001001", Kind.GRASSROOTS_UNIT, "朝阳区建外街道综治中心", "110105", "C110105", Channel.REST,
                        base + "/demo-court/rest/G110105001001", Status.ACTIVE));
        demo.forEach(registry::upsert);
        LOG.info("Demo registry loaded: {} participants (courts deliver to {})", demo.size(), base);
    }
}
