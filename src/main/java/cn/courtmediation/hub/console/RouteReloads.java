package cn.courtmediation.hub.console;

import cn.courtmediation.hub.access.SystemAudit;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Route changes without a rebuild: watches the folder the routes are read from (camel.main.routes-include-pattern, when
 * it is a file: pattern and hub.route-files.reload is on) and hands a changed file to Camel's routes loader, which replaces
 * the file's routes by id. A file that does not load (YAML or DSL error) is refused before any route is touched, so
 * the running version stays. Each reload is audited (actor "routes-reload") and kept for the Routes page.
 */
@Component
class RouteReloads implements ApplicationRunner, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(RouteReloads.class);
    static final String ACTOR = "routes-reload";
    private static final int KEPT = 20;

    /** One reload: which file, when, the route ids it replaced, or the error that refused it. */
    record Reload(Instant at, String file, boolean ok, Set<String> routes, String error) {
    }

    private final CamelContext camel;
    private final SystemAudit audit;
    private final boolean enabled;
    private final String pattern;
    private final Deque<Reload> reloads = new ConcurrentLinkedDeque<>();
    private final Clock clock = Clock.systemUTC();
    private volatile WatchService watcher;
    private volatile Path folder;

    RouteReloads(CamelContext camel, SystemAudit audit, RouteFileSettings settings, Environment environment) {
        this.camel = camel;
        this.audit = audit;
        this.enabled = settings.reload();
        // Camel's own setting (where the routes are read from), not one of the hub's
        this.pattern = environment.getProperty("camel.main.routes-include-pattern", "");
    }

    /** The watched folder, or null when reloading is off (a classpath: pattern, or hub.route-files.reload false). */
    Path folder() {
        return folder;
    }

    List<Reload> recent() {
        return new ArrayList<>(reloads);
    }

    // run once the context has started, not as a lifecycle bean: one depending on the CamelContext would start Camel
    // early, before Spring Boot has added the routes
    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !pattern.startsWith("file:")) {
            return;
        }
        Path glob = Path.of(pattern.substring("file:".length()));
        Path dir = glob.getParent() == null ? Path.of(".") : glob.getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
        try {
            WatchService w = FileSystems.getDefault().newWatchService();
            dir.register(w, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            watcher = w;
            folder = dir.toAbsolutePath().normalize();
        } catch (IOException e) {
            LOG.warn("Route reload off: cannot watch {} ({})", dir, e.toString());
            return;
        }
        Thread t = new Thread(() -> watch(dir, matcher), "routes-reload");
        t.setDaemon(true);
        t.start();
        LOG.info("Route files in {} are reloaded when they change (hub.route-files.reload)", folder);
    }

    private void watch(Path dir, PathMatcher matcher) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Set<Path> changed = new java.util.LinkedHashSet<>();
                // an editor's save is often several events (truncate, write): collect until the folder is quiet for
                // 300 ms, so that the file is loaded once and whole
                while (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path p && matcher.matches(p.getFileName())) {
                            changed.add(dir.resolve(p));
                        }
                    }
                    key.reset();
                    key = watcher.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                for (Path file : changed) {
                    if (Files.isRegularFile(file) && Files.size(file) > 0) {
                        reload(file);
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Route reload stopped: {}", e.toString());
        }
    }

    /** Loads one file's routes in place of the running ones; refused whole when it does not load. */
    Reload reload(Path file) {
        String name = file.getFileName().toString();
        Reload r;
        try {
            Resource resource = ResourceHelper.resolveResource(camel, "file:" + file.toAbsolutePath());
            RoutesLoader loader = PluginHelper.getRoutesLoader(camel);
            Set<String> ids = loader.updateRoutes(resource);
            r = new Reload(clock.instant(), name, true, ids, null);
            LOG.info("Route file {} reloaded: {}", name, ids);
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            r = new Reload(clock.instant(), name, false, Set.of(), error);
            LOG.warn("Route file {} refused, the running routes stay: {}", name, error);
        }
        reloads.addFirst(r);
        while (reloads.size() > KEPT) {
            reloads.removeLast();
        }
        audit.record(ACTOR, "RELOAD", "routes/" + name, r.ok(), r.ok() ? "routes " + String.join(", ", r.routes()) : r.error());
        return r;
    }

    @Override
    public void destroy() {
        WatchService w = watcher;
        watcher = null;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.debug("closing the route watcher: {}", e.toString());
            }
        }
    }
}
