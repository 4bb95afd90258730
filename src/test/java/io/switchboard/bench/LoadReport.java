package io.switchboard.bench;

import io.switchboard.bench.LoadDriver.Endpoint;
import io.switchboard.bench.LoadDriver.Phase;
import io.switchboard.bench.LoadDriver.Result;
import io.switchboard.bench.LoadDriver.Sample;
import io.switchboard.bench.LoadDriver.Settings;
import io.switchboard.bench.LoadDriver.Tally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a {@link LoadDriver} run into the report's parts: CSV series over time (latency quantiles and answer rates
 * per endpoint, errors, database pool, caches, queues, load average) for the plots, and {@code summary.md} with the
 * tables per phase and the time the hub took to recover after the spike.
 */
final class LoadReport {

    private static final List<Endpoint> CHAT = List.of(Endpoint.ORDER, Endpoint.CUSTOMER, Endpoint.KB,
            Endpoint.CONTEXT, Endpoint.TICKET, Endpoint.EVENT);
    private static final String POOL = "switchboard";

    private final Settings settings;
    private final Result result;
    private final String baselinePhase;
    private final String spikePhase;
    private final double window;

    LoadReport(Settings settings, Result result, String baselinePhase, String spikePhase) {
        this.settings = settings;
        this.result = result;
        this.baselinePhase = baselinePhase;
        this.spikePhase = spikePhase;
        this.window = settings.window().toMillis() / 1000.0;
    }

    void write(Path out) throws IOException {
        int windows = result.byWindow.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (String q : List.of("50", "95", "99")) {
            series(out.resolve("p" + q + ".csv"), windows, t -> t.quantileMillis(Double.parseDouble(q) / 100));
        }
        series(out.resolve("rate.csv"), windows, t -> t.count() / window);
        StringBuilder errors = new StringBuilder("t,4xx,5xx,no_answer\n");
        for (int w = 0; w < windows; w++) {
            int c = 0, s = 0, f = 0;
            for (Tally t : result.byWindow.getOrDefault(w, Map.of()).values()) {
                synchronized (t) {
                    c += t.clientErrors;
                    s += t.serverErrors;
                    f += t.failures;
                }
            }
            errors.append(fmt(w * window)).append(',').append(fmt(c / window)).append(',').append(fmt(s / window))
                    .append(',').append(fmt(f / window)).append('\n');
        }
        Files.writeString(out.resolve("errors.csv"), errors);
        Files.writeString(out.resolve("metrics.csv"), metrics());
        Files.writeString(out.resolve("caches.csv"), caches());
        StringBuilder phases = new StringBuilder("name,start,end,multiplier\n");
        for (int i = 0; i < settings.phases().size(); i++) {
            double[] b = result.phaseBounds.get(i);
            phases.append(settings.phases().get(i).name()).append(',').append(fmt(b[0])).append(',')
                    .append(fmt(b[1])).append(',').append(fmt(b[2])).append('\n');
        }
        Files.writeString(out.resolve("phases.csv"), phases);
        StringBuilder marks = new StringBuilder("# the phases, for gnuplot\n");
        for (int i = 0; i < settings.phases().size(); i++) {
            double[] b = result.phaseBounds.get(i);
            marks.append(String.format(Locale.ROOT, "set arrow from %s, graph 0 to %s, graph 1 nohead dt 3 lc rgb 'gray40'%n"
                    + "set label \"%s %sx\" at %s, graph 1.02 font ',8'%n", fmt(b[0]), fmt(b[0]),
                    settings.phases().get(i).name(), fmt(b[2]), fmt(b[0] + 1)));
        }
        Files.writeString(out.resolve("phases.gp"), marks);
        Files.writeString(out.resolve("summary.md"), summary());
    }

    private interface Stat {
        double of(Tally tally);
    }

    private void series(Path file, int windows, Stat stat) throws IOException {
        StringBuilder csv = new StringBuilder("t");
        for (Endpoint e : Endpoint.values()) {
            csv.append(',').append(e.label());
        }
        csv.append('\n');
        for (int w = 0; w < windows; w++) {
            Map<Endpoint, Tally> tallies = result.byWindow.getOrDefault(w, Map.of());
            csv.append(fmt(w * window));
            for (Endpoint e : Endpoint.values()) {
                Tally t = tallies.get(e);
                csv.append(',').append(t == null ? "NaN" : fmt(stat.of(t)));
            }
            csv.append('\n');
        }
        Files.writeString(file, csv);
    }

    private String metrics() {
        StringBuilder csv = new StringBuilder("t,pool_active,pool_idle,pool_pending,pool_max,pool_timeouts_per_s,"
                + "acquire_ms,queue_messages,dead_letters,webhook_backlog,loadavg_1m,process_cpu\n");
        Sample previous = null;
        for (Sample s : samples()) {
            double acquire = Double.NaN, timeouts = Double.NaN;
            if (previous != null) {
                double n = s.get("acquire_seconds_count{" + POOL + "}") - previous.get("acquire_seconds_count{" + POOL + "}");
                double sum = s.get("acquire_seconds_sum{" + POOL + "}") - previous.get("acquire_seconds_sum{" + POOL + "}");
                acquire = n > 0 ? sum / n * 1000 : 0;
                timeouts = (s.get("timeout_total{" + POOL + "}") - previous.get("timeout_total{" + POOL + "}"))
                        / (s.t() - previous.t());
            }
            csv.append(fmt(s.t())).append(',').append(fmt(s.get("active{" + POOL + "}"))).append(',')
                    .append(fmt(s.get("idle{" + POOL + "}"))).append(',').append(fmt(s.get("pending{" + POOL + "}")))
                    .append(',').append(fmt(s.get("max{" + POOL + "}"))).append(',').append(fmt(timeouts)).append(',')
                    .append(fmt(acquire)).append(',').append(fmt(s.get("queue_messages"))).append(',')
                    .append(fmt(s.get("queue_dead_letters"))).append(',').append(fmt(backlog(s))).append(',')
                    .append(fmt(s.get("loadavg_1m"))).append(',').append(fmt(s.get("process_cpu"))).append('\n');
            previous = s;
        }
        return csv.toString();
    }

    private static double backlog(Sample s) {
        return s.get("webhooks_accepted") - s.get("webhooks_processed");
    }

    private List<String> cacheNames() {
        return samples().stream().flatMap(s -> s.values().keySet().stream()).filter(k -> k.startsWith("cache_hit{"))
                .map(k -> k.substring("cache_hit{".length(), k.length() - 1)).collect(Collectors.toCollection(TreeSet::new))
                .stream().toList();
    }

    /** Hit ratio per cache over each window (gets in that window only); NaN when a cache saw no gets. */
    private String caches() {
        List<String> names = cacheNames();
        StringBuilder csv = new StringBuilder("t");
        names.forEach(n -> csv.append(',').append(n));
        csv.append('\n');
        List<Sample> samples = samples();
        for (int i = 1; i < samples.size(); i++) {
            csv.append(fmt(samples.get(i).t()));
            for (String n : names) {
                csv.append(',').append(fmt(hitRatio(samples.get(i - 1), samples.get(i), n)));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static double hitRatio(Sample from, Sample to, String cache) {
        double hits = to.get("cache_hit{" + cache + "}") - zero(from.get("cache_hit{" + cache + "}"));
        double misses = to.get("cache_miss{" + cache + "}") - zero(from.get("cache_miss{" + cache + "}"));
        return hits + misses > 0 ? hits / (hits + misses) : Double.NaN;
    }

    private static double zero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private List<Sample> samples() {
        synchronized (result.samples) {
            return new ArrayList<>(result.samples);
        }
    }

    // --- summary.md ---------------------------------------------------------------------------------------------

    private String summary() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Expected peak (1x): %s chat requests/s (orders %d %%, customers %d %%, "
                + "KB %d %%, context %d %%, tickets %d %%, conversation events %d %%) and %s webhooks/s; windows of %s s."
                + " Latency counts from when a request was due (open loop).%n%n", fmt(settings.chatRate()),
                pct(Endpoint.ORDER), pct(Endpoint.CUSTOMER), pct(Endpoint.KB), pct(Endpoint.CONTEXT),
                pct(Endpoint.TICKET), pct(Endpoint.EVENT), fmt(settings.webhookRate()), fmt(window)));
        md.append("| phase | endpoint | asked/s | answered | p50 ms | p95 ms | p99 ms | 4xx | 5xx | no answer | statuses |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Phase phase : settings.phases()) {
            Map<Endpoint, Tally> tallies = result.byPhase.getOrDefault(phase.name(), Map.of());
            for (Endpoint e : Endpoint.values()) {
                Tally t = tallies.get(e);
                if (t == null) {
                    continue;
                }
                double asked = phase.multiplier() * (e == Endpoint.WEBHOOK ? settings.webhookRate()
                        : settings.chatRate() * e.share);
                synchronized (t) {
                    md.append(String.format(Locale.ROOT, "| %s (%sx) | %s | %s | %d | %s | %s | %s | %d | %d | %d | %s |%n",
                            phase.name(), fmt(phase.multiplier()), e.label(), fmt(asked), t.count(),
                            fmt(t.quantileMillis(0.5)), fmt(t.quantileMillis(0.95)), fmt(t.quantileMillis(0.99)),
                            t.clientErrors, t.serverErrors, t.failures, statuses(t)));
                }
            }
        }
        md.append("\n| phase | pool active (max) | pool max | waiting for a connection (max) | connection timeouts |"
                + " mean wait for a connection ms | broker queue depth (max) | webhook backlog (max) | load average |");
        List<String> caches = cacheNames();
        caches.forEach(c -> md.append(" cache ").append(c).append(" hit ratio |"));
        md.append("\n|").append(" --- |".repeat(9 + caches.size())).append('\n');
        List<Sample> samples = samples();
        for (int i = 0; i < settings.phases().size(); i++) {
            double[] b = result.phaseBounds.get(i);
            List<Sample> in = samples.stream().filter(s -> s.t() >= b[0] && s.t() <= b[1] + 0.5).toList();
            if (in.size() < 2) {
                continue;
            }
            Sample first = in.get(0), last = in.get(in.size() - 1);
            double n = last.get("acquire_seconds_count{" + POOL + "}") - first.get("acquire_seconds_count{" + POOL + "}");
            double sum = last.get("acquire_seconds_sum{" + POOL + "}") - first.get("acquire_seconds_sum{" + POOL + "}");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s–%s |",
                    settings.phases().get(i).name(), fmt(max(in, "active{" + POOL + "}")), fmt(max(in, "max{" + POOL + "}")),
                    fmt(max(in, "pending{" + POOL + "}")),
                    fmt(last.get("timeout_total{" + POOL + "}") - first.get("timeout_total{" + POOL + "}")),
                    fmt(n > 0 ? sum / n * 1000 : 0), fmt(max(in, "queue_messages")),
                    fmt(in.stream().mapToDouble(LoadReport::backlog).max().orElse(Double.NaN)),
                    fmt(in.stream().mapToDouble(s -> s.get("loadavg_1m")).min().orElse(Double.NaN)),
                    fmt(max(in, "loadavg_1m"))));
            for (String c : caches) {
                md.append(' ').append(fmt(hitRatio(first, last, c))).append(" |");
            }
            md.append('\n');
        }
        md.append('\n').append(recovery()).append('\n');
        md.append(String.format(Locale.ROOT, "%nServer errors: %d, of which **%d** were not the contract's degraded"
                + " answers (503/504 problem+json with code upstream_unavailable, upstream_timeout or"
                + " upstream_rate_limited; a 500 internal_error counts here); requests without an answer in 10 s: %d.%n",
                result.serverErrors(), result.offContract(), result.failures()));
        List<String> bodies = result.firstBodies.entrySet().stream()
                .filter(en -> en.getKey().endsWith(" 0") || en.getKey().matches(".* 5\\d\\d"))
                .map(en -> "- " + en.getKey() + ": `" + en.getValue().replace('\n', ' ').replace("`", "'") + "`")
                .sorted().toList();
        if (!bodies.isEmpty()) {
            md.append("\nFirst answer of each server error seen:\n\n").append(String.join("\n", bodies)).append('\n');
        }
        if (result.shed() > 0) {
            md.append("\nThe driver did not send ").append(result.shed())
                    .append(" requests: too many were outstanding (the hub had fallen behind by seconds).\n");
        }
        return md.toString().replace("NaN", "–");
    }

    /**
     * How long after the spike's end the chat p99 is back within twice the baseline phase's (and 10 ms) for good,
     * with no server errors, and the webhook backlog back to what it was at the baseline.
     */
    String recovery() {
        int spike = phaseIndex(spikePhase), baseline = phaseIndex(baselinePhase);
        if (spike < 0 || baseline < 0 || spike + 1 >= settings.phases().size()) {
            return "Recovery: not measured (the phases lack '" + baselinePhase + "', '" + spikePhase
                    + "' or a phase after it).";
        }
        double[] base = result.phaseBounds.get(baseline);
        double spikeEnd = result.phaseBounds.get(spike)[1];
        double runEnd = result.phaseBounds.get(spike + 1)[1];
        List<Double> baseP99 = new ArrayList<>();
        for (int w = (int) Math.ceil(base[0] / window); (w + 1) * window <= base[1]; w++) {
            double p = chatQuantile(w, 0.99);
            if (!Double.isNaN(p)) {
                baseP99.add(p);
            }
        }
        if (baseP99.isEmpty()) {
            return "Recovery: not measured (no answers in the baseline phase).";
        }
        baseP99.sort(null);
        double reference = baseP99.get(baseP99.size() / 2);
        double limit = Math.max(2 * reference, reference + 10);
        double latencyBack = Double.NaN;
        for (int w = (int) Math.floor(spikeEnd / window); (w + 1) * window <= runEnd; w++) {
            boolean good = !(chatQuantile(w, 0.99) > limit) && errorsIn(w) == 0;
            if (!good) {
                latencyBack = Double.NaN;
            } else if (Double.isNaN(latencyBack)) {
                latencyBack = Math.max(0, (w + 1) * window - spikeEnd);
            }
        }
        List<Sample> samples = samples();
        double baseBacklog = samples.stream().filter(s -> s.t() >= base[0] && s.t() <= base[1])
                .mapToDouble(LoadReport::backlog).max().orElse(0);
        double backlogLimit = Math.max(baseBacklog, settings.webhookRate() * window);
        double drained = Double.NaN;
        for (Sample s : samples) {
            if (s.t() < spikeEnd || s.t() > runEnd) {
                continue;
            }
            boolean good = !(backlog(s) > backlogLimit) && !(s.get("pending{" + POOL + "}") > 0);
            if (!good) {
                drained = Double.NaN;
            } else if (Double.isNaN(drained)) {
                drained = s.t() - spikeEnd;
            }
        }
        return String.format(Locale.ROOT, "Recovery after the spike ('%s'): the chat p99 was back within %s ms"
                + " (baseline '%s' median window p99 %s ms) with no server errors %s; the webhook backlog back under %s"
                + " and no one waiting for a database connection %s.", spikePhase, fmt(limit), baselinePhase,
                fmt(reference), after(latencyBack), fmt(backlogLimit), after(drained));
    }

    private static String after(double seconds) {
        return Double.isNaN(seconds) ? "**not within the phase after it**"
                : String.format(Locale.ROOT, "**%s s** after its end", fmt(seconds));
    }

    private double chatQuantile(int w, double q) {
        Tally merged = new Tally();
        Map<Endpoint, Tally> tallies = result.byWindow.getOrDefault(w, Map.of());
        for (Endpoint e : CHAT) {
            Tally t = tallies.get(e);
            if (t != null) {
                t.copyInto(merged);
            }
        }
        return merged.quantileMillis(q);
    }

    private int errorsIn(int w) {
        return result.byWindow.getOrDefault(w, Map.of()).values().stream()
                .mapToInt(t -> { synchronized (t) { return t.serverErrors + t.failures; } }).sum();
    }

    private int phaseIndex(String name) {
        for (int i = 0; i < settings.phases().size(); i++) {
            if (settings.phases().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static double max(List<Sample> samples, String key) {
        OptionalDouble max = samples.stream().mapToDouble(s -> s.get(key)).filter(v -> !Double.isNaN(v)).max();
        return max.orElse(Double.NaN);
    }

    private static String statuses(Tally t) {
        return t.statuses.entrySet().stream().map(en -> (en.getKey() == 0 ? "none" : en.getKey()) + "×" + en.getValue())
                .collect(Collectors.joining(", "));
    }

    private static int pct(Endpoint e) {
        return (int) Math.round(e.share * 100);
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
