package cn.courtmediation.hub.demo.national;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.net.URI;
import java.util.Locale;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** POST /admin/registry/national: generates the demo's national registry for a seed and loads it (admin token, as all of /admin). */
@RestController
class NationalRegistryController {
    private final NationalRegistryLoader national;

    NationalRegistryController(NationalRegistryLoader national) {
        this.national = national;
    }

    /** Generates the national registry for a seed, endpoints at the simulator, and loads it; answers counts and time. */
    @PostMapping("/admin/registry/national")
    NationalRegistryLoader.Report loadNational(@RequestParam(required = false) Long seed,
                                               @RequestParam(required = false) String simulatorUrl,
                                               @RequestParam(defaultValue = "false") boolean overwrite) {
        String url = simulatorUrl == null ? national.defaultSimulatorUrl() : simulatorUrl;
        requireHttpUrl(url);
        return national.load(seed == null ? national.defaultSeed() : seed, url, overwrite);
    }

    private static void requireHttpUrl(String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw new HubException(ErrorCode.MALFORMED, "simulatorUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:9090");
    }
}
