package dev.facerec.api.rest.job;

import dev.facerec.core.access.Actor;
import dev.facerec.core.job.EnrollmentJob;
import dev.facerec.core.job.EnrollmentJobs;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams a job's progress: a {@code progress} event with the job every second while it changes, and a
 * {@code finished} event when it reaches a final state, then the stream ends. Read from the database, so it follows a
 * job whichever replica runs it.
 */
final class JobProgress {
    static final Duration EVERY = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofHours(6);

    private final EnrollmentJobs jobs;
    private final Clock clock;

    JobProgress(EnrollmentJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    SseEmitter follow(Actor actor, UUID id) {
        SseEmitter emitter = new SseEmitter(LONGEST.toMillis());
        Thread.ofVirtual().name("job-events-" + id).start(() -> stream(emitter, actor, id));
        return emitter;
    }

    private void stream(SseEmitter emitter, Actor actor, UUID id) {
        try {
            JobView last = null;
            long until = System.nanoTime() + LONGEST.toNanos();
            while (System.nanoTime() < until) {
                EnrollmentJob job = jobs.get(actor, id);
                JobView view = JobView.of(job, clock.instant());
                if (job.state().isFinal()) {
                    emitter.send(SseEmitter.event().name("finished").data(view));
                    break;
                }
                if (last == null
                        || last.processed() != view.processed()
                        || !last.state().equals(view.state())) {
                    emitter.send(SseEmitter.event().name("progress").data(view));
                    last = view;
                }
                Thread.sleep(EVERY);
            }
            emitter.complete();
        } catch (IOException | RuntimeException e) {
            // The client went away, or the job did: end the stream.
            emitter.completeWithError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }
}
