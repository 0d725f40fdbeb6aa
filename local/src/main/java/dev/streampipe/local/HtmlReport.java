package dev.streampipe.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML report: the checks, the hot keys caught, and an SVG chart of each top key's write rate
 * (WCU/s, as the monitor measured it each second) against the hot-key threshold.
 */
final class HtmlReport {
    private static final String[] COLORS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
    private static final int W = 860;
    private static final int H = 360;
    private static final int PAD = 50;

    private HtmlReport() {
    }

    static void write(Path file, RunChecks checks, List<LocalPipeline.Sample> samples, double threshold) {
        Map<String, List<LocalPipeline.Sample>> byKey = new LinkedHashMap<>();
        List<LocalPipeline.Sample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        double maxT = 1;
        double maxY = threshold * 1.5;
        for (LocalPipeline.Sample s : copy) {
            byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
            maxT = Math.max(maxT, s.seconds());
            maxY = Math.max(maxY, s.wcuPerSecond() * 1.1);
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>", W, H));
        svg.append(String.format("<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#999'/>", PAD, 10, W - PAD - 10, H - PAD - 10));
        for (int i = 0; i <= 5; i++) {
            double v = maxY * i / 5;
            svg.append(String.format("<text x='5' y='%.1f'>%.0f</text>", y(v, maxY) + 4, v));
            double t = maxT * i / 5;
            svg.append(String.format("<text x='%.1f' y='%d'>%.0fs</text>", x(t, maxT) - 8, H - PAD + 18, t));
        }
        svg.append(String.format("<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#000' stroke-dasharray='6,4'/>",
                PAD, W - 10, y(threshold, maxY), y(threshold, maxY)));
        svg.append(String.format("<text x='%d' y='%.1f'>threshold %.0f WCU/s</text>", W - 170, y(threshold, maxY) - 5, threshold));
        int c = 0;
        int legendY = 24;
        for (Map.Entry<String, List<LocalPipeline.Sample>> e : byKey.entrySet()) {
            String color = COLORS[c++ % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (LocalPipeline.Sample s : e.getValue()) {
                points.append(String.format("%.1f,%.1f ", x(s.seconds(), maxT), y(s.wcuPerSecond(), maxY)));
            }
            svg.append(String.format("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>", color, points));
            svg.append(String.format("<text x='%d' y='%d' fill='%s'>%s</text>", PAD + 10, legendY, color, escape(e.getKey())));
            legendY += 14;
        }
        svg.append(String.format("<text x='%d' y='%d'>seconds since load start</text>", W / 2 - 60, H - 8));
        svg.append("</svg>");

        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset='utf-8'><title>streampipe local run")
                .append("</title><style>body{font-family:sans-serif;margin:2em}td{padding:2px 10px}.PASS{color:green}.FAIL{color:#c00}</style>")
                .append("</head><body><h1>streampipe local run: ").append(checks.passed() ? "PASSED" : "FAILED").append("</h1>");
        html.append("<h2>Per-key write rate against the hot-key threshold</h2>").append(svg)
                .append("<p>WCU/s per partition key as the KCL monitor measured it, sampled every second. The monitor ")
                .append("tracks exactly only keys its sketch nominates (above 10% of the threshold); the cold sessions ")
                .append("stay below that floor, so they do not appear.</p>");
        html.append("<h2>Hot keys caught</h2><table><tr><th>key</th><th>at</th><th>after load start</th><th>WCU/s</th></tr>");
        for (RunChecks.Caught k : checks.caught) {
            html.append(String.format("<tr><td>%s</td><td>%s</td><td>%.1f s</td><td>%.0f</td></tr>", escape(k.key()), k.at(),
                    k.after().toMillis() / 1000.0, k.wcuPerSecond()));
        }
        html.append("</table><h2>Checks</h2><table>");
        for (RunChecks.Check ch : checks.checks()) {
            String status = ch.passed() ? "PASS" : "FAIL";
            html.append(String.format("<tr><td class='%s'>%s</td><td>%s</td><td>%s</td></tr>", status, status,
                    escape(ch.name()), escape(ch.detail())));
        }
        html.append("</table></body></html>\n");
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw OutputFiles.cannotWrite(file, e);
        }
    }

    private static double x(double seconds, double maxT) {
        return PAD + (W - PAD - 10) * seconds / maxT;
    }

    private static double y(double value, double maxY) {
        return H - PAD - (H - PAD - 10) * value / maxY;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
