package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant.Kind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bulk registry administration: CSV import with a per-line report, streamed CSV export. */
@RestController
@RequestMapping("/admin/registry")
class RegistryBulkController {
    private final RegistryImport importer;
    private final RegistryExport exporter;

    RegistryBulkController(RegistryImport importer, RegistryExport exporter) {
        this.importer = importer;
        this.exporter = exporter;
    }

    /** Body: text/csv, UTF-8, with the header line. 200 with the report; 422 with the report when no line was imported. */
    @PostMapping("/import")
    ResponseEntity<ImportReport> importCsv(HttpServletRequest request) throws IOException {
        requireCsv(request.getContentType());
        // read from the request stream as it arrives: an 80,000-line file is never held whole
        ImportReport report = importer.run(request.getInputStream(), (read, imported, rejected) -> { });
        return ResponseEntity.status(report.imported() == 0 ? 422 : 200).contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /** The registry (optionally one kind and/or a region prefix) as CSV, streamed page by page. */
    @GetMapping("/export")
    void export(@RequestParam(required = false) String kind, @RequestParam(required = false) String region,
                HttpServletResponse response) throws IOException {
        Kind k = kind(kind);
        if (region != null && !region.matches("[0-9]{1,12}")) {
            throw new HubException(ErrorCode.MALFORMED, "region must be the digits an administrative division code starts with");
        }
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"registry.csv\"");
        exporter.write(k, region, response.getOutputStream());
    }

    private static void requireCsv(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        boolean csv = type != null && (type.isCompatibleWith(MediaType.parseMediaType("text/csv"))
                || type.isCompatibleWith(MediaType.TEXT_PLAIN));
        if (!csv || (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset()))) {
            throw new HubException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the registry as text/csv in UTF-8 (Content-Type: text/csv),"
                    + " header " + RegistryCsv.HEADER);
        }
    }

    private static Kind kind(String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HubException(ErrorCode.MALFORMED, "kind must be one of COURT, TRIBUNAL, PARTNER, MEDIATION_ORG, GRASSROOTS_UNIT");
        }
    }
}
