package io.switchboard.messaging;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * A loop the hub runs on threads of its own while it is up: started before the web server takes requests and
 * stopped after it has drained them (phase 0, unless a subclass says otherwise), so that what requests hand over is
 * finished. Subclasses loop in {@link #work()} while {@link #isRunning()}.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private final String name;
    private final int threads;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    protected BackgroundLoop(String name, int threads) {
        this.name = name;
        this.threads = threads;
    }

    /** The loop of one thread: returns when {@link #isRunning()} turns false. */
    protected abstract void work();

    /** Called on stop before waiting for the threads: wake them if they sleep on something. */
    protected void stopping() {
    }

    /** Called once the threads have ended. */
    protected void stopped() {
    }

    @Override
    public void start() {
        running = true;
        for (int i = 1; i <= threads; i++) {
            Thread worker = new Thread(this::work, threads == 1 ? name : name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    @Override
    public void stop() {
        running = false;
        stopping();
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        stopped();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    /** Waits a moment, after a failure, so that a broken dependency is not hammered. */
    protected static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
