package dev.facerec.tools.bench.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's memory while a run lasts. The figure that matters is the heap left right after each collection, the
 * live data plus what the collector chose to keep: read from the service's GC log ({@code 410M->120M(1024M)}, the
 * middle figure), the largest over the collections that ended during the run. Beside it, sampled from the management
 * port every half second: Micrometer's {@code jvm_gc_live_data_size_bytes} (the old generation after a collection),
 * the heap in use including garbage not yet collected, and the maximum heap; and the process's resident memory, which
 * also counts native decoders' and ONNX Runtime's buffers.
 */
final class ServiceMemory implements AutoCloseable {
    private static final Pattern AFTER_GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(?:\\{([^}]*)})? (\\S+)$");
    private static final long SAMPLE_MILLIS = 500;

    private final ServiceUnderTest service;
    private final long gcLogStart;
    private final AtomicLong liveData = new AtomicLong(-1);
    private final AtomicLong heapUsed = new AtomicLong(-1);
    private final AtomicLong heapMax = new AtomicLong(-1);
    private final AtomicLong rss = new AtomicLong(-1);
    private final AtomicLong samples = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private ServiceMemory(ServiceUnderTest service) throws IOException {
        this.service = requireNonNull(service, "service is null");
        this.gcLogStart = Files.exists(service.gcLog()) ? Files.size(service.gcLog()) : 0;
        this.sampler = Thread.ofPlatform().daemon().name("bench-memory").start(this::sample);
    }

    /** Starts watching; {@link #stop} gives the figures. */
    static ServiceMemory watch(ServiceUnderTest service) throws IOException {
        return new ServiceMemory(service);
    }

    /**
     * What was seen; every figure in bytes, -1 when it could not be read.
     *
     * @param collections collections that ended during the run
     * @param maxHeapAfterGc the largest heap occupancy right after one of them
     */
    record Figures(
            int collections,
            long maxHeapAfterGc,
            long maxLiveData,
            long peakHeapUsed,
            long maxHeap,
            long peakResident,
            long samples) {}

    Figures stop() throws IOException, InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        sampleOnce();
        AfterGc afterGc = afterGc(gcLogSinceStart());
        return new Figures(
                afterGc.collections(),
                afterGc.maxBytes(),
                liveData.get(),
                heapUsed.get(),
                heapMax.get(),
                rss.get(),
                samples.get());
    }

    /** How many collections a GC log names and the largest heap right after one of them ({@code -1}: none). */
    record AfterGc(int collections, long maxBytes) {}

    /** Reads unified GC log lines such as {@code GC(7) Pause Young (Normal) (G1 Evacuation Pause) 410M->120M(1024M)}. */
    static AfterGc afterGc(String log) {
        int collections = 0;
        long max = -1;
        for (String line : log.lines().toList()) {
            Matcher matcher = AFTER_GC.matcher(line);
            if (matcher.find()) {
                collections++;
                max = Math.max(max, bytes(matcher.group(3), matcher.group(4)));
            }
        }
        return new AfterGc(collections, max);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }

    private void sample() {
        while (running) {
            try {
                sampleOnce();
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // The service is busy or going away: the next sample will tell.
            }
        }
    }

    private void sampleOnce() throws IOException, InterruptedException {
        long used = 0;
        long max = 0;
        for (String line : service.metrics().lines().toList()) {
            Matcher matcher = SAMPLE.matcher(line);
            if (line.startsWith("#") || !matcher.matches()) {
                continue;
            }
            String labels = matcher.group(2) == null ? "" : matcher.group(2);
            double value = Double.parseDouble(matcher.group(3));
            boolean heap = labels.contains("area=\"heap\"");
            switch (matcher.group(1)) {
                case "jvm_gc_live_data_size_bytes" -> liveData.accumulateAndGet((long) value, Math::max);
                case "jvm_memory_used_bytes" -> used += heap ? (long) value : 0;
                case "jvm_memory_max_bytes" -> max += heap && value > 0 ? (long) value : 0;
                default -> {}
            }
        }
        heapUsed.accumulateAndGet(used, Math::max);
        heapMax.set(max);
        rss.accumulateAndGet(residentBytes(), Math::max);
        samples.incrementAndGet();
    }

    private long residentBytes() {
        Path status = Path.of("/proc", Long.toString(service.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return 1024 * Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException notLinux) {
            return -1;
        }
        return -1;
    }

    private String gcLogSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(service.gcLog());
        int from = (int) Math.min(gcLogStart, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
