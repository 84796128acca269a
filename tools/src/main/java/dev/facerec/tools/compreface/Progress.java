package dev.facerec.tools.compreface;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress lines for a long import: images done of the total, the rate of this run's uploads and the time left at
 * that rate. A line at most every {@code interval}, and one when the last image is done; images an earlier run did
 * are counted as done but not in the rate, since skipping them costs nothing.
 */
final class Progress {
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long started;
    private long total;
    private long done;
    private long worked;
    private long lastLine = Long.MIN_VALUE;

    Progress(PrintStream out, LongSupplier nanoTime, Duration interval) {
        this.out = requireNonNull(out, "out is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.intervalNanos = interval.toNanos();
        this.started = nanoTime.getAsLong();
    }

    void total(long total) {
        this.total = total;
    }

    /** One image finished; {@code uploaded} when this run did the work (not one an earlier run imported). */
    void advance(boolean uploaded) {
        done++;
        if (uploaded) {
            worked++;
        }
        long now = nanoTime.getAsLong();
        if (done >= total || lastLine == Long.MIN_VALUE || now - lastLine >= intervalNanos) {
            lastLine = now;
            out.println(line(now));
        }
    }

    String line(long now) {
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? worked / seconds : 0;
        long left = Math.max(total - done, 0);
        String eta = left == 0 ? "0s" : rate > 0 ? duration(Duration.ofSeconds(Math.round(left / rate))) : "unknown";
        return String.format(
                Locale.ROOT,
                "import-compreface: %d/%d images (%.1f%%), %.1f images/s, ETA %s",
                done,
                total,
                total == 0 ? 100.0 : 100.0 * done / total,
                rate,
                eta);
    }

    /** {@code 1h 02m 03s}, {@code 4m 05s}, {@code 6s}. */
    static String duration(Duration duration) {
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        if (hours > 0) {
            return String.format(Locale.ROOT, "%dh %02dm %02ds", hours, minutes, seconds);
        }
        return minutes > 0 ? String.format(Locale.ROOT, "%dm %02ds", minutes, seconds) : seconds + "s";
    }
}
