package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An open-loop load driver for the hub: a mix of chat calls (order, customer, knowledge base and context reads,
 * ticket creation, conversation events) and signed webhooks, each at a fixed rate per phase, whatever the hub's
 * answers take. Latency counts from when a request was due, not from when it went out, so a hub that falls behind
 * shows it. Every window it also reads the hub's metrics (database pool, caches, queue depths, webhook backlog).
 * JDK only, so that {@code bench/load.sh} runs it from the test classes and {@code LoadSmokeTest} in process.
 */
public final class LoadDriver {

    /** What the driver asks for, and its share of the chat rate (webhooks have their own rate). */
    public enum Endpoint {
        ORDER(0.30), CUSTOMER(0.15), KB(0.15), CONTEXT(0.10), TICKET(0.05), EVENT(0.25), WEBHOOK(0);

        final double share;

        Endpoint(double share) {
            this.share = share;
        }

        String label() {
            return name().toLowerCase();
        }
    }

    /** A stretch of the run at {@code multiplier} times the expected peak. */
    public record Phase(String name, int seconds, double multiplier) {

        /** "name:seconds:multiplier,…", e.g. {@code peak:30:1,double:30:2,spike:15:8}. */
        public static List<Phase> parse(String spec) {
            List<Phase> phases = new ArrayList<>();
            for (String part : spec.split(",")) {
                String[] f = part.trim().split(":");
                phases.add(new Phase(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2])));
            }
            return phases;
        }
    }

    /**
     * The run: where the hub is, a chat token of {@code customer} with the chat scopes, the rates at 1x (chat
     * requests and webhooks a second), the phases, and the metric window.
     */
    public record Settings(URI base, String token, String customer, double chatRate, double webhookRate,
                           List<Phase> phases, Duration window, String webhookSource, String webhookSecret) {
    }

    /** Latencies and outcomes of one endpoint in one window or phase. */
    static final class Tally {
        private long[] micros = new long[64];
        private int count;
        int ok;
        int clientErrors;
        int serverErrors;
        int failures;
        final Map<Integer, Integer> statuses = new TreeMap<>();

        synchronized void add(long latencyMicros, int status) {
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = latencyMicros;
            statuses.merge(status, 1, Integer::sum);
            if (status == 0) {
                failures++;
            } else if (status >= 500) {
                serverErrors++;
            } else if (status >= 400) {
                clientErrors++;
            } else {
                ok++;
            }
        }

        synchronized void copyInto(Tally other) {
            for (int i = 0; i < count; i++) {
                other.add(micros[i], 200);
            }
        }

        synchronized int count() {
            return count;
        }

        /** The {@code q} quantile in milliseconds (nearest rank), NaN when empty. */
        synchronized double quantileMillis(double q) {
            if (count == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(micros, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * count) - 1;
            return sorted[Math.max(0, Math.min(count - 1, rank))] / 1000.0;
        }
    }

    /** One reading of the hub's metrics and the machine's load. */
    public record Sample(double t, String phase, Map<String, Double> values) {

        double get(String name) {
            return values.getOrDefault(name, Double.NaN);
        }
    }

    /** What a run saw. */
    public static final class Result {
        final Map<String, Map<Endpoint, Tally>> byPhase = new ConcurrentHashMap<>();
        final Map<Integer, Map<Endpoint, Tally>> byWindow = new ConcurrentHashMap<>();
        final List<Sample> samples = new ArrayList<>();
        final Map<String, String> firstBodies = new ConcurrentHashMap<>();
        /** Conversation event ids the hub answered 202 with, and webhook ids it answered 200 for. */
        public final List<String> acceptedEvents = new ArrayList<>();
        public final List<String> acknowledgedWebhooks = new ArrayList<>();
        final AtomicLong shed = new AtomicLong();
        final AtomicLong offContract = new AtomicLong();
        final List<double[]> phaseBounds = new ArrayList<>();

        /** Responses with this status, every endpoint and phase together (0: no answer). */
        public int count(int status) {
            return byPhase.values().stream().flatMap(m -> m.values().stream())
                    .mapToInt(t -> { synchronized (t) { return t.statuses.getOrDefault(status, 0); } }).sum();
        }

        /** Responses from 500 up, every endpoint and phase together. */
        public int serverErrors() {
            return byPhase.values().stream().flatMap(m -> m.values().stream()).mapToInt(t -> t.serverErrors).sum();
        }

        public int failures() {
            return byPhase.values().stream().flatMap(m -> m.values().stream()).mapToInt(t -> t.failures).sum();
        }

        public int answered(Endpoint endpoint) {
            return byPhase.values().stream().map(m -> m.get(endpoint)).filter(t -> t != null).mapToInt(Tally::count).sum();
        }

        public List<Sample> samples() {
            return samples;
        }

        /** The first body answered with {@code status} by {@code endpoint}, if any. */
        public String firstBody(Endpoint endpoint, int status) {
            return firstBodies.get(endpoint.label() + " " + status);
        }

        /**
         * Server errors other than the contract's degraded answers (503/504 problem+json with an upstream_* code):
         * a 500 internal_error, or anything that is not the contract's.
         */
        public long offContract() {
            return offContract.get();
        }

        public long shed() {
            return shed.get();
        }
    }

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");
    /** The contract's answers of a hub that cannot serve now: 503 or 504 with one of these codes. */
    private static final Pattern DEGRADED = Pattern.compile(
            "\"code\":\"(upstream_unavailable|upstream_timeout|upstream_rate_limited)\"");
    private static final int MAX_IN_FLIGHT = 1000;
    private static final String[] ORDERS = {"1001", "1002"};
    private static final String WEBHOOK_BODY = "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-11-24T06:00:00Z\","
            + "\"data\":{\"id\":\"in_1MtHbELkdIwHu7ixl4OzzPMv\",\"object\":\"invoice\",\"customer\":\"cus_NeZwdNtLEOXuvB\","
            + "\"amount_due\":999,\"currency\":\"usd\",\"status\":\"paid\",\"lines\":[{\"id\":\"il_1\",\"amount\":999,"
            + "\"description\":\"1 x Pro plan (at $9.99 / month)\",\"period\":{\"start\":1680644467,\"end\":1683236467}}],"
            + "\"customer_email\":\"jenny.rosen@example.com\",\"metadata\":{\"order\":\"1001\",\"source\":\"load\"}}}";

    private final Settings settings;
    private final HttpClient http;
    /** The metrics' own client, so that a reading never waits behind the load's connections. */
    private final HttpClient scraper = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final Result result = new Result();
    private final Mac webhookMac;
    private long start;

    public LoadDriver(Settings settings) throws Exception {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        byte[] key = Base64.getDecoder().decode(settings.webhookSecret().replaceFirst("^whsec_", ""));
        webhookMac = Mac.getInstance("HmacSHA256");
        webhookMac.init(new SecretKeySpec(key, "HmacSHA256"));
    }

    /** Runs every phase in turn, then waits up to 15 s for the answers still outstanding. */
    public Result run() throws InterruptedException {
        start = System.nanoTime();
        Thread scraper = new Thread(this::scrapeLoop, "load-metrics");
        scraper.setDaemon(true);
        scraper.start();
        double offset = 0;
        for (Phase phase : settings.phases()) {
            result.phaseBounds.add(new double[] {offset, offset + phase.seconds(), phase.multiplier()});
            drive(phase, offset);
            offset += phase.seconds();
        }
        for (int i = 0; i < 150 && inFlight.get() > 0; i++) {
            Thread.sleep(100);
        }
        scraper.interrupt();
        scraper.join();
        callbacks.shutdown();
        callbacks.awaitTermination(5, TimeUnit.SECONDS);
        return result;
    }

    private volatile String currentPhase = "";

    private void drive(Phase phase, double offsetSeconds) throws InterruptedException {
        currentPhase = phase.name();
        Map<Endpoint, Tally> tallies = result.byPhase.computeIfAbsent(phase.name(), k -> new ConcurrentHashMap<>());
        Map<Endpoint, Double> rates = new EnumMap<>(Endpoint.class);
        for (Endpoint e : Endpoint.values()) {
            rates.put(e, phase.multiplier() * (e == Endpoint.WEBHOOK ? settings.webhookRate() : settings.chatRate() * e.share));
        }
        long phaseStart = start + (long) (offsetSeconds * 1e9);
        long phaseEnd = phaseStart + phase.seconds() * 1_000_000_000L;
        Map<Endpoint, Long> issued = new EnumMap<>(Endpoint.class);
        while (true) {
            long now = System.nanoTime();
            if (now >= phaseEnd) {
                return;
            }
            for (Endpoint e : Endpoint.values()) {
                double rate = rates.get(e);
                if (rate <= 0) {
                    continue;
                }
                long n = issued.getOrDefault(e, 0L);
                // request n is due at n / rate seconds into the phase: every one due by now
                long due = (long) (rate * (now - phaseStart) / 1e9) + 1;
                for (; n < due; n++) {
                    long intended = phaseStart + (long) (n / rate * 1e9);
                    issue(e, intended, tallies.computeIfAbsent(e, k -> new Tally()));
                }
                issued.put(e, n);
            }
            Thread.sleep(1);
        }
    }

    private void issue(Endpoint endpoint, long intended, Tally phaseTally) {
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            result.shed.incrementAndGet();
            return;
        }
        long n = sequence.incrementAndGet();
        String[] id = new String[1];
        HttpRequest request = request(endpoint, n, id);
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenCompleteAsync((response, failure) -> {
            inFlight.decrementAndGet();
            long done = System.nanoTime();
            int status = failure == null ? response.statusCode() : 0;
            long micros = (done - intended) / 1000;
            phaseTally.add(micros, status);
            int window = (int) ((done - start) / settings.window().toNanos());
            result.byWindow.computeIfAbsent(window, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(endpoint, k -> new Tally()).add(micros, status);
            if (status >= 500 && !DEGRADED.matcher(response.body()).find()) {
                result.offContract.incrementAndGet();
                result.firstBodies.putIfAbsent("off-contract " + endpoint.label() + " " + status, response.body());
            }
            if (status >= 400 || status == 0) {
                result.firstBodies.putIfAbsent(endpoint.label() + " " + status,
                        failure == null ? response.body() : String.valueOf(failure));
            }
            if (endpoint == Endpoint.EVENT && status == 202) {
                // the id the hub stored it under, from its answer
                Matcher stored = EVENT_ID.matcher(response.body());
                synchronized (result.acceptedEvents) {
                    result.acceptedEvents.add(stored.find() ? stored.group(1) : "unreadable answer: " + response.body());
                }
            } else if (endpoint == Endpoint.WEBHOOK && status == 200) {
                synchronized (result.acknowledgedWebhooks) {
                    result.acknowledgedWebhooks.add(id[0]);
                }
            }
        }, callbacks);
    }

    private HttpRequest request(Endpoint endpoint, long n, String[] id) {
        String customer = settings.customer();
        String conversation = "load-" + runId + "-" + n;
        HttpRequest.Builder b = switch (endpoint) {
            case ORDER -> get("/api/v1/orders/" + ORDERS[(int) (n % ORDERS.length)]);
            case CUSTOMER -> get("/api/v1/customers/" + customer);
            case KB -> get("/api/v1/kb/search?q=where%20is%20my%20order");
            case CONTEXT -> get("/api/v1/customers/" + customer + "/context");
            case TICKET -> post("/api/v1/tickets", "{\"conversationId\":\"" + conversation + "\",\"subject\":\"Where is"
                    + " my parcel?\",\"transcript\":[{\"role\":\"customer\",\"text\":\"My order 1002 has not arrived\","
                    + "\"at\":\"2026-11-24T06:00:00Z\"}]}");
            case EVENT -> {
                id[0] = UUID.randomUUID().toString();
                // a few conversations, each with many events, as a chat has
                yield post("/api/v1/conversations/load-" + runId + "-c" + (n % 50) + "/events",
                        "{\"type\":\"message\",\"role\":\"customer\",\"text\":\"Where is my order 1002?\",\"eventId\":\""
                        + id[0] + "\",\"at\":\"" + Instant.now() + "\"}");
            }
            case WEBHOOK -> {
                id[0] = "msg_load_" + runId + "_" + n;
                yield webhook(id[0]);
            }
        };
        return b.timeout(Duration.ofSeconds(10)).build();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(settings.base().resolve(path)).header("Authorization", "Bearer " + settings.token());
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(settings.base().resolve(path)).header("Authorization", "Bearer " + settings.token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder webhook(String id) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature;
        synchronized (webhookMac) {
            signature = Base64.getEncoder().encodeToString(
                    webhookMac.doFinal((id + "." + timestamp + "." + WEBHOOK_BODY).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpRequest.newBuilder(settings.base().resolve("/webhooks/" + settings.webhookSource()))
                .header("webhook-id", id).header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + signature).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WEBHOOK_BODY));
    }

    // --- the hub's metrics --------------------------------------------------------------------------------------

    private void scrapeLoop() {
        long period = settings.window().toNanos();
        long next = start;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Map<String, Double> values = scrape();
                synchronized (result.samples) {
                    result.samples.add(new Sample((System.nanoTime() - start) / 1e9, currentPhase, values));
                }
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /** The series the report plots, summed over the labels it does not keep. */
    Map<String, Double> scrape() {
        Map<String, Double> values = new TreeMap<>();
        try {
            String text = scraper.send(HttpRequest.newBuilder(settings.base().resolve("/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
            values.putAll(parse(text));
        } catch (IOException unreachable) {
            values.put("scrape_failed", 1.0);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        try {
            values.put("loadavg_1m", Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        } catch (IOException | RuntimeException noProc) {
            // not Linux: no load average
        }
        return values;
    }

    /** Picks and sums the series of interest out of a Prometheus text exposition. */
    static Map<String, Double> parse(String exposition) {
        Map<String, Double> values = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
            String labels = brace < 0 ? "" : line.substring(brace, line.lastIndexOf('}') + 1);
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException skip) {
                continue;
            }
            String key = switch (name) {
                case "hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections_pending",
                     "hikaricp_connections_max", "hikaricp_connections_timeout_total",
                     "hikaricp_connections_acquire_seconds_count", "hikaricp_connections_acquire_seconds_sum" ->
                        name.substring("hikaricp_connections_".length()) + "{" + label(labels, "pool") + "}";
                case "cache_gets_total" -> "cache_" + label(labels, "result") + "{" + label(labels, "cache") + "}";
                case "switchboard_queue_messages" -> "true".equals(label(labels, "dead_letter"))
                        ? "queue_dead_letters" : "queue_messages";
                case "switchboard_webhooks_accepted_total" -> "webhooks_accepted";
                case "switchboard_webhooks_processed_total" -> "webhooks_processed";
                case "process_cpu_usage" -> "process_cpu";
                default -> null;
            };
            if (key != null) {
                values.merge(key, value, Double::sum);
            }
        }
        return values;
    }

    private static String label(String labels, String name) {
        int at = labels.indexOf(name + "=\"");
        if (at < 0) {
            return "";
        }
        int from = at + name.length() + 2;
        return labels.substring(from, labels.indexOf('"', from));
    }

    // --- as a program (bench/load.sh) ---------------------------------------------------------------------------

    /**
     * {@code java -cp target/test-classes io.switchboard.bench.LoadDriver <out-dir>}, configured by the environment:
     * BASE, TOKEN, CUSTOMER, PEAK (chat requests/s at 1x), WEBHOOK_PEAK, PHASES, WINDOW_SECONDS, WEBHOOK_SOURCE,
     * WEBHOOK_SECRET, BASELINE_PHASE, SPIKE_PHASE.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Settings settings = new Settings(URI.create(env("BASE", "http://127.0.0.1:8080")), System.getenv("TOKEN"),
                env("CUSTOMER", "207119551"), Double.parseDouble(env("PEAK", "5")),
                Double.parseDouble(env("WEBHOOK_PEAK", "5")),
                Phase.parse(env("PHASES", "warm:30:1,peak:30:1,double:30:2,triple:30:3,spike:15:8,after:60:1")),
                Duration.ofSeconds(Long.parseLong(env("WINDOW_SECONDS", "2"))), env("WEBHOOK_SOURCE", "acme"),
                env("WEBHOOK_SECRET", "whsec_c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1zZWNyZXQh"));
        Result result = new LoadDriver(settings).run();
        new LoadReport(settings, result, env("BASELINE_PHASE", "peak"), env("SPIKE_PHASE", "spike")).write(out);
        Files.write(out.resolve("events-accepted.txt"), result.acceptedEvents);
        Files.write(out.resolve("webhooks-acknowledged.txt"), result.acknowledgedWebhooks);
        System.out.printf("answered %d requests: %d server errors (%d of them not the contract's degraded answers),"
                + " %d without an answer, %d shed by the driver%n",
                Arrays.stream(Endpoint.values()).mapToInt(result::answered).sum(), result.serverErrors(),
                result.offContract(), result.failures(), result.shed());
        System.exit(0);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
